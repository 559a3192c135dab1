import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { Dispatch } from '../shared/api/dispatch';
import { fail } from '../shared/api/result';
import { API_CHANNEL } from './ipc-channels';
import { isTrustedSender } from './security';

/** Binds the contract to IPC. Like every transport it only checks the caller and passes the call on. */
export function registerIpcTransport(ipcMain: Pick<IpcMain, 'handle'>, dispatch: Dispatch): void {
  ipcMain.handle(API_CHANNEL, async (event: IpcMainInvokeEvent, name: unknown, input: unknown) => {
    if (!isTrustedSender(event.senderFrame)) {
      return fail('unauthorized', 'Calls are accepted only from the Stepping Stones window.');
    }
    return dispatch(typeof name === 'string' ? name : '', input);
  });
}
