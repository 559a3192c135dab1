/** Events the main process may push to the renderer (menu commands); they carry no payload. */
export const eventNames = ['menu.newClient', 'menu.showClients'] as const;
export type EventName = (typeof eventNames)[number];
