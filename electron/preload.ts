import { contextBridge, ipcRenderer } from 'electron';
import { eventNames, type EventName } from '../shared/api/events';
import { API_CHANNEL, eventChannel } from './ipc-channels';

// The page gets two functions and nothing else: no ipcRenderer, no Node.
contextBridge.exposeInMainWorld('steppingStones', {
  call: (name: string, input: unknown): Promise<unknown> => ipcRenderer.invoke(API_CHANNEL, name, input),
  on: (event: EventName, listener: (payload: unknown) => void): (() => void) => {
    if (!eventNames.includes(event)) throw new Error(`Unknown event ${String(event)}`);
    const channel = eventChannel(event);
    const wrapped = (_event: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => ipcRenderer.removeListener(channel, wrapped);
  },
});
