import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchAssessments } from './assessments.bench';
import { benchClients } from './clients.bench';
import { benchKeyToNextQuestion } from './questionnaire.bench';
import { benchReport } from './report.bench';
import { printFigures } from './report';
import { benchSync } from './sync.bench';
import { benchPortfolio } from './portfolio.bench';

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'stepping-stones-bench-'));
try {
  console.log(`Stepping Stones benchmarks · Node ${process.version} · ${os.cpus().length} cores · ${os.cpus()[0]?.model ?? ''}\n`);
  printFigures([
    ...(await benchClients(path.join(directory, 'clients'))),
    ...(await benchAssessments(path.join(directory, 'assessments'))),
    ...(await benchReport()),
    ...(await benchKeyToNextQuestion(path.join(directory, 'browser'))),
    ...(await benchSync(path.join(directory, 'sync'))),
    ...(await benchPortfolio(path.join(directory, 'portfolio'))),
  ]);
} finally {
  fs.rmSync(directory, { recursive: true, force: true });
}
