import type { AssessmentDetail, AssessmentResults } from '../../../shared/assessments/schema';
import type { Client } from '../../../shared/clients/schema';
import type { Instrument } from '../../../shared/instruments/schema';
import type { Roadmap } from '../../../shared/roadmap/schema';
import type { Settings } from '../../../shared/settings/schema';
import type { AppServices } from '../app-services';

/** Everything the report shows, gathered once so rendering is a pure function of it. */
export interface ReportData {
  detail: AssessmentDetail;
  results: AssessmentResults;
  baseline: AssessmentResults | null;
  instruments: Instrument[];
  client: Client;
  roadmap: Roadmap;
  settings: Settings;
}

export async function collectReportData(
  services: Pick<AppServices, 'assessments' | 'clients' | 'instruments' | 'roadmaps' | 'settings'>,
  assessmentId: string,
): Promise<ReportData> {
  const detail = await services.assessments.get(assessmentId);
  const results = await services.assessments.results(assessmentId);
  const baselineId = detail.assessment.baselineId;
  const instruments: Instrument[] = [];
  for (const ref of detail.assessment.instruments) instruments.push(await services.instruments.get(ref.id, ref.version));
  return {
    detail,
    results,
    baseline: baselineId ? await services.assessments.results(baselineId) : null,
    instruments,
    client: await services.clients.get(detail.assessment.companyId),
    roadmap: await services.roadmaps.get(assessmentId),
    settings: await services.settings.get(),
  };
}
