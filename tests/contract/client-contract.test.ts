import { createInProcessTransport } from '../../electron/transports/in-process';
import { startHttpBridge } from '../helpers/http-bridge';
import { clientContractSuite } from './client-contract-suite';

clientContractSuite('the in-process transport', async (services) => ({
  transport: createInProcessTransport(services.dispatch),
  close: async () => {},
}));

clientContractSuite('the HTTP bridge', async (services) => {
  const bridge = await startHttpBridge({ dispatch: services.dispatch });
  return { transport: bridge.transport, close: () => bridge.close() };
});
