import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi, useAppStore } from '../store/app-store';

/**
 * Erasure on the firm's request: irreversible and reaching every device, so it asks for the firm's
 * name typed out rather than a click that could be a slip.
 */
export function EraseFirm({ companyId, name, onErased }: { companyId: string; name: string; onErased(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const notify = useAppStore((s) => s.notify);
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const matches = typed.trim().toLocaleLowerCase() === name.trim().toLocaleLowerCase();

  const erase = async () => {
    setBusy(true);
    const result = await api.call('office.eraseFirm', { companyId });
    setBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    notify({ tone: 'success', message: t('erase.done', { name }) });
    onErased();
  };

  const cancel = () => {
    setConfirming(false);
    setTyped('');
    setError(null);
  };

  return (
    <section className="card span-2 danger-zone" aria-labelledby="erase-heading">
      <h2 id="erase-heading">{t('erase.title')}</h2>
      <p>{t('erase.explain')}</p>
      {!confirming ? (
        <button type="button" className="button button-danger-quiet" onClick={() => setConfirming(true)}>
          {t('erase.start')}
        </button>
      ) : (
        <div className="confirm-panel">
          <h3>{t('erase.confirmTitle', { name })}</h3>
          <p>{t('erase.cannotUndo')}</p>
          <label className="field">
            <span>{t('erase.typeName', { name })}</span>
            <input value={typed} autoComplete="off" spellCheck={false} onChange={(event) => setTyped(event.target.value)} />
          </label>
          {error && (
            <p className="field-error" role="alert">
              {t('erase.failed', { message: error })}
            </p>
          )}
          <div className="section-actions">
            <button type="button" className="button button-secondary" onClick={cancel}>
              {t('common.cancel')}
            </button>
            <button type="button" className="button button-danger" disabled={!matches || busy} onClick={() => void erase()}>
              {busy ? t('erase.erasing') : t('erase.confirm')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
