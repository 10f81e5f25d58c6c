from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name='ActivityRecord',
            fields=[
                (
                    'token',
                    models.CharField(max_length=64, primary_key=True, serialize=False),
                ),
                ('last_activity_ms', models.BigIntegerField()),
                ('started_at_ms', models.BigIntegerField()),
                ('ended_reason', models.CharField(blank=True, default='', max_length=8)),
                (
                    'ended_session_key',
                    models.CharField(blank=True, db_index=True, default='', max_length=64),
                ),
                ('keep_until_ms', models.BigIntegerField(db_index=True)),
            ],
            options={'db_table': 'session_security_v1_activity'},
        ),
    ]
