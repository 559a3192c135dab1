/**
 * Child process for the crash-safety test: saves answers through the real service as fast as it
 * can and reports each one only after the service acknowledged it.
 */
import { createAppServices } from '../../electron/services/app-services';

const [dataDirectory, assessmentId, firstSeq] = process.argv.slice(2);
const services = await createAppServices({ dataDirectory: dataDirectory! });
const instrument = await services.instruments.get('digital-maturity');
const levelQuestions = instrument.questions.filter((q) => q.type === 'level' && !q.appliesIf);
process.stdout.write('ready\n');
// Sequence numbers keep rising across runs, so a later run never looks older than an earlier one.
for (let seq = Number(firstSeq); ; seq++) {
  const question = levelQuestions[seq % levelQuestions.length]!;
  await services.assessments.saveAnswer({
    assessmentId: assessmentId!,
    instrumentId: instrument.id,
    questionId: question.id,
    value: seq % 6,
    notApplicable: false,
    note: String(seq),
    flagged: false,
  });
  process.stdout.write(`ack ${question.id} ${seq}\n`);
}
