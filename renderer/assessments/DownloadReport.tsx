import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadBase64 } from '../files/download';
import { useApi, useAppStore } from '../store/app-store';

/** Builds the PDF in the local service and hands it to the browser (or Electron) as a download. */
export function DownloadReport({ assessmentId }: { assessmentId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const notify = useAppStore((s) => s.notify);
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    const result = await api.call('report.pdf', { assessmentId });
    setBusy(false);
    if (!result.ok) {
      notify({ tone: 'error', message: result.error.message });
      return;
    }
    downloadBase64(result.value.fileName, 'application/pdf', result.value.base64);
  };
  return (
    <button type="button" className="button button-secondary" disabled={busy} onClick={() => void download()}>
      {busy ? t('workspace.preparingPdf') : `⤓ ${t('workspace.downloadPdf')}`}
    </button>
  );
}
