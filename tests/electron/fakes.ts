import type { IpcMain, Protocol, Session, WebContents } from 'electron';

type Listener = (...args: any[]) => unknown;

/** Just enough of WebContents to record what hardenWebContents installs. */
export function fakeWebContents() {
  const listeners = new Map<string, Listener[]>();
  let windowOpenHandler: ((details: { url: string }) => unknown) | undefined;
  const contents = {
    setWindowOpenHandler(handler: (details: { url: string }) => unknown) {
      windowOpenHandler = handler;
    },
    on(event: string, listener: Listener) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return contents;
    },
  };
  return {
    contents: contents as unknown as WebContents,
    openWindow(url: string) {
      if (!windowOpenHandler) throw new Error('no window open handler installed');
      return windowOpenHandler({ url });
    },
    /** Emits an event the way Electron does and says whether a listener prevented it. */
    emit(event: string, ...args: unknown[]): boolean {
      let prevented = false;
      const electronEvent = { preventDefault: () => (prevented = true) };
      const registered = listeners.get(event) ?? [];
      if (registered.length === 0) throw new Error(`no listener for ${event}`);
      for (const listener of registered) listener(electronEvent, ...args);
      return prevented;
    },
  };
}

export function fakeSession() {
  const handlers: {
    request?: (contents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void;
    check?: (...args: unknown[]) => boolean;
    device?: (...args: unknown[]) => boolean;
  } = {};
  const session = {
    setPermissionRequestHandler(handler: typeof handlers.request) {
      handlers.request = handler;
    },
    setPermissionCheckHandler(handler: typeof handlers.check) {
      handlers.check = handler;
    },
    setDevicePermissionHandler(handler: typeof handlers.device) {
      handlers.device = handler;
    },
  };
  return { session: session as unknown as Session, handlers };
}

export function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  const ipcMain = {
    handle(channel: string, listener: Listener) {
      handlers.set(channel, listener);
    },
  };
  return { ipcMain: ipcMain as unknown as Pick<IpcMain, 'handle'>, handlers };
}

export function fakeProtocol() {
  const handlers = new Map<string, (request: Request) => Promise<Response> | Response>();
  const protocol = {
    handle(scheme: string, handler: (request: Request) => Promise<Response> | Response) {
      handlers.set(scheme, handler);
    },
  };
  return { protocol: protocol as unknown as Pick<Protocol, 'handle'>, handlers };
}
