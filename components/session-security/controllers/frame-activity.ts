// Nothing imported from activity-controller.ts (which loads this chunk): the controller class
// comes as an argument, and the types are the shapes this module needs.

/** The element's activity options, as far as this module goes. */
interface FrameActivityOptions {
  frames(): boolean;
}

/** One frame document's listeners, with their rest: an ActivityController. */
interface FrameController {
  hostConnected(): void;
  hostDisconnected(): void;
}

/** Frame controllers have no host element: nothing to register with, no dialog to leave alone. */
interface NoHost {
  addController(controller: unknown): void;
}

/** The ActivityController class. */
export type FrameControllerClass<O> = new (
  host: NoHost,
  options: O,
  target: EventTarget,
) => FrameController;

const NO_HOST: NoHost = { addController() {} };

/**
 * Activity in the same-origin iframes of `root` (`track-frames`; default: this document): each
 * frame's document gets the element's own listeners, with their rest, through a `Controller`
 * (ActivityController) of its own.
 * A cross-origin frame is never touched: its `contentDocument` is null, so nothing is attached
 * to it or read from it. Frames added later are found by a MutationObserver; a frame that
 * navigates is followed on its `load` event (a new document: listeners go to it, or to nothing
 * when it is cross-origin now); a removed frame is let go. Answers the function that undoes all.
 * Frames inside shadow roots or inside other frames are not followed.
 */
export function trackFrames<O extends FrameActivityOptions>(
  elementOptions: O,
  Controller: FrameControllerClass<O>,
  root: Document = document,
): () => void {
  const options: O = { ...elementOptions, frames: () => false };
  const frames = new Map<HTMLIFrameElement, FrameController | null>();

  const watch = (frame: HTMLIFrameElement): void => {
    // The old document's listeners go with it; its rest timer must not outlive it.
    frames.get(frame)?.hostDisconnected();
    const document = frame.contentDocument;
    const controller = document ? new Controller(NO_HOST, options, document) : null;
    controller?.hostConnected();
    frames.set(frame, controller);
  };
  const onLoad = (event: Event): void => watch(event.currentTarget as HTMLIFrameElement);
  const release = (frame: HTMLIFrameElement): void => {
    frame.removeEventListener('load', onLoad);
    frames.get(frame)?.hostDisconnected();
    frames.delete(frame);
  };
  const scan = (): void => {
    for (const frame of root.querySelectorAll('iframe')) {
      if (frames.has(frame)) continue;
      frame.addEventListener('load', onLoad);
      watch(frame);
    }
    for (const frame of frames.keys()) if (!frame.isConnected) release(frame);
  };

  const observer = new MutationObserver(scan);
  observer.observe(root, { childList: true, subtree: true });
  scan();
  return () => {
    observer.disconnect();
    for (const frame of [...frames.keys()]) release(frame);
  };
}
