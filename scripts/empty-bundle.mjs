// Rollup input used only until the element exists.
