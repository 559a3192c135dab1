import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../shared/i18n';
import { exportFormats, type ExportFormat } from '../../shared/portfolio/schema';
import { downloadBase64 } from '../files/download';
import { useApi, useAppStore } from '../store/app-store';

/** The filtered portfolio as a file for a CRM or a funder, in the format they take. */
export function ExportButtons() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const notify = useAppStore((s) => s.notify);
  const filter = useAppStore((s) => s.portfolioFilter);
  const [busy, setBusy] = useState<ExportFormat | null>(null);

  const download = async (format: ExportFormat) => {
    setBusy(format);
    const result = await api.call('portfolio.export', { filter, language: i18n.language as Language, format });
    setBusy(null);
    if (!result.ok) {
      notify({ tone: 'error', message: t('portfolio.export.failed', { message: result.error.message }) });
      return;
    }
    downloadBase64(result.value.fileName, result.value.mimeType, result.value.base64);
  };

  return (
    <section className="card export-card" aria-labelledby="portfolio-export">
      <h2 id="portfolio-export">{t('portfolio.export.title')}</h2>
      <div className="section-actions">
        {exportFormats.map((format) => (
          <button key={format} type="button" className="button button-secondary" disabled={busy !== null} onClick={() => void download(format)}>
            ⤓ {busy === format ? t('portfolio.export.preparing') : t(`portfolio.export.formats.${format}`)}
          </button>
        ))}
      </div>
      <p className="muted export-note">{t('portfolio.export.consent')}</p>
    </section>
  );
}
