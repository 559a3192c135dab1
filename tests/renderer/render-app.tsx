import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createApiClient, type Transport } from '../../shared/api/client';
import { createI18n } from '../../shared/i18n';
import { createAppServices, type AppServices } from '../../electron/services/app-services';
import { createInProcessTransport } from '../../electron/transports/in-process';
import { App } from '../../renderer/app/App';
import { Providers } from '../../renderer/app/Providers';

/** The real renderer on the real services with an in-memory database: only the transport is in-process. */
export async function renderApp(
  hash = '#/clients',
  seed?: (services: AppServices) => Promise<void>,
  wrap: (transport: Transport) => Transport = (transport) => transport,
): Promise<{ services: AppServices; user: ReturnType<typeof userEvent.setup> }> {
  const services = await createAppServices();
  await seed?.(services);
  window.location.hash = hash;
  const api = createApiClient(wrap(createInProcessTransport(services.dispatch)));
  render(
    <Providers api={api} i18n={createI18n('en')}>
      <App />
    </Providers>,
  );
  return { services, user: userEvent.setup() };
}
