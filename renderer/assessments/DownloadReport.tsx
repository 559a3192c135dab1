import { useState } from 'react';
import { useTranslation } from 'react-i18next';
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
    const bytes = Uint8Array.from(atob(result.value.base64), (c) => c.charCodeAt(0));
    const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = result.value.fileName;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  return (
    <button type="button" className="button button-secondary" disabled={busy} onClick={() => void download()}>
      {busy ? t('workspace.preparingPdf') : `⤓ ${t('workspace.downloadPdf')}`}
    </button>
  );
}
