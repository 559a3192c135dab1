import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

import type { Dispatch } from '../../shared/api/dispatch';
import { API_CHANNEL } from '../../electron/ipc-channels';
import { registerIpcTransport } from '../../electron/ipc-transport';
import { APP_ENTRY_URL } from '../../electron/security';
import { fakeIpcMain } from './fakes';

function setup() {
  const { ipcMain, handlers } = fakeIpcMain();
  const dispatch = vi.fn<Dispatch>(async (name, input) => ({ ok: true, value: { name, input } }));
  registerIpcTransport(ipcMain, dispatch);
  const handler = handlers.get(API_CHANNEL);
  if (!handler) throw new Error(`nothing registered on ${API_CHANNEL}`);
  const invoke = (senderFrame: unknown, name: unknown, input: unknown) => handler({ senderFrame }, name, input) as Promise<unknown>;
  return { dispatch, invoke };
}

const topAppFrame = { url: APP_ENTRY_URL, parent: null };

describe('registerIpcTransport', () => {
  it('passes a call from the app window on to dispatch and returns its result', async () => {
    const { dispatch, invoke } = setup();
    expect(await invoke(topAppFrame, 'clients.list', { search: 'x' })).toEqual({ ok: true, value: { name: 'clients.list', input: { search: 'x' } } });
    expect(dispatch).toHaveBeenCalledWith('clients.list', { search: 'x' });
  });

  it.each([
    ['a page from another site', { url: 'https://evil.example/', parent: null }],
    ['a subframe of the app', { url: APP_ENTRY_URL, parent: topAppFrame }],
    ['a file:// page', { url: 'file:///tmp/evil.html', parent: null }],
    ['a missing frame', null],
  ])('answers %s with ok:false unauthorized and never calls dispatch', async (_label, frame) => {
    const { dispatch, invoke } = setup();
    expect(await invoke(frame, 'clients.delete', { id: '01890a5d-ac96-774b-bcce-b302099a8057' })).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('turns a non-string operation name into one no handler has, rather than passing objects through', async () => {
    const { dispatch, invoke } = setup();
    await invoke(topAppFrame, { toString: () => 'clients.list' }, {});
    expect(dispatch).toHaveBeenCalledWith('', {});
  });
});
