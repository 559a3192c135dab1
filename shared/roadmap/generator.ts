import type { BarrierId, DriverId } from '../instruments/schema';
import type { InstrumentResult } from '../scoring/result-schema';
import type { BarrierRatings } from '../scoring/scoring';
import { costBands, type Catalogue, type CostBand, type Directories, type Step } from './catalogue-schema';

/**
 * The stepping-stones roadmap generator: pure and deterministic. From where the firm stands, what
 * matters to it, what holds it back and what it can spend, it proposes concrete steps in three
 * horizons, and says for each why it is there.
 *
 * 1. Barriers rated significant or severe (2–3) bring the enabling steps that lower them, first.
 * 2. The dimensions with the highest priority (importance × gap × feasibility) are addressed in
 *    order, with the technology steps that raise them most for the effort, favouring the firm's
 *    top drivers, until the gap is covered.
 * 3. Every prerequisite of a chosen step is added and always comes earlier.
 * 4. Now holds quick wins (low cost, value within weeks) only while the firm's stated hours and
 *    budget for the next six weeks last; Next holds what pays back within a year while the hours of
 *    the coming year last; the rest is Later. Steps with a direct reason (a barrier, a gap) claim
 *    the time before steps that are only there as someone's prerequisite.
 * 5. Each step is linked to a matching peer, intermediary, course or funding scheme where one
 *    fits the firm's country, region and sector.
 */

export const horizons = ['now', 'next', 'later'] as const;
export type Horizon = (typeof horizons)[number];

export type BudgetBand = Exclude<CostBand, 'none'>;

export interface RoadmapInputs {
  maturity: InstrumentResult[];
  barriers: BarrierRatings;
  /** Drivers in the order the firm ranked them. */
  drivers: DriverId[];
  /** Hours a week the firm can give to improvement work; null when not asked. */
  hoursPerWeek: number | null;
  budget: BudgetBand | null;
  /** Whether the firm would take part in peer learning at all (it may have said "none"). */
  opensToPeers: boolean;
  client: { naceCode: string; region: string; country: string };
}

export type Why =
  | { kind: 'gap'; instrument: string; dimension: string; priority: number }
  | { kind: 'barrier'; barrier: BarrierId; rating: number }
  | { kind: 'driver'; driver: DriverId }
  | { kind: 'prerequisite'; of: string };

export interface EnablerLink {
  directory: keyof Directories;
  id: string;
  name: string;
}

export interface ProposedStep {
  stepId: string;
  horizon: Horizon;
  /** Position within its horizon, from 0. */
  order: number;
  why: Why[];
  enabler: EnablerLink | null;
}

const HIGH_BARRIER = 2;
const TOP_DIMENSIONS = 3;
const MAX_TECHNOLOGY_STEPS = 8;
const STEPS_PER_TOP_DIMENSION = 3;
const NOW_WEEKS = 6;
/** Working weeks in the Next horizon's year, after holidays and the Now weeks. */
const NEXT_WEEKS_OF_WORK = 40;
const WORKING_HOURS_PER_DAY = 7.5;
/** Without stated hours, assume half a day a week, which is what most owners can really find. */
const DEFAULT_HOURS_PER_WEEK = 4;
const QUICK_WIN_WEEKS = 8;
const NEXT_WEEKS = 52;

/** Upper bound of each cost band in euro; what Now may spend is the firm's band's upper bound. */
const COST_CEILING: Record<CostBand, number> = { none: 0, 'under-5k': 5_000, '5k-25k': 25_000, '25k-100k': 100_000, 'over-100k': 250_000 };

function costRank(band: CostBand): number {
  return costBands.indexOf(band);
}

function scoreOf(results: InstrumentResult[], instrument: string, dimension: string): number {
  return results.find((r) => r.instrumentId === instrument)?.dimensions.find((d) => d.dimensionId === dimension)?.score ?? 0;
}

function isEligible(step: Step, inputs: RoadmapInputs): boolean {
  return step.prerequisites.minimumScores.every((m) => scoreOf(inputs.maturity, m.instrument, m.dimension) >= m.score);
}

function naturalHorizon(step: Step): Horizon {
  if (costRank(step.costBand) <= costRank('under-5k') && step.timeToValueWeeks <= QUICK_WIN_WEEKS) return 'now';
  if (costRank(step.costBand) <= costRank('25k-100k') && step.timeToValueWeeks <= NEXT_WEEKS) return 'next';
  return 'later';
}

function add(why: Map<string, Why[]>, stepId: string, reason: Why): void {
  const list = why.get(stepId) ?? [];
  if (!list.some((r) => JSON.stringify(r) === JSON.stringify(reason))) list.push(reason);
  why.set(stepId, list);
}

function chooseEnablingSteps(catalogue: Catalogue, inputs: RoadmapInputs, why: Map<string, Why[]>): void {
  const high = (Object.entries(inputs.barriers) as [BarrierId, number][])
    .filter(([, rating]) => rating >= HIGH_BARRIER)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  for (const [barrier, rating] of high) {
    const candidates = catalogue.steps
      .filter((s) => s.kind === 'enabling' && s.mitigates.includes(barrier) && isEligible(s, inputs))
      .filter((s) => inputs.opensToPeers || !(s.mechanisms.length === 1 && s.mechanisms[0] === 'peer-learning'))
      .sort(
        (a, b) =>
          high.filter(([h]) => b.mitigates.includes(h)).length - high.filter(([h]) => a.mitigates.includes(h)).length ||
          a.effortDays - b.effortDays ||
          a.id.localeCompare(b.id),
      );
    // A severe barrier gets two enabling steps (a peer visit and impartial advice), a significant one gets one.
    for (const step of candidates.slice(0, rating >= 3 ? 2 : 1)) add(why, step.id, { kind: 'barrier', barrier, rating });
  }
}

function chooseTechnologySteps(catalogue: Catalogue, inputs: RoadmapInputs, why: Map<string, Why[]>): void {
  const dimensions = inputs.maturity
    .flatMap((r) => r.dimensions.map((d) => ({ instrument: r.instrumentId, dimension: d.dimensionId, priority: d.priority ?? 0, gap: d.gap ?? 0 })))
    .filter((d) => d.priority > 0)
    .sort((a, b) => b.priority - a.priority || a.instrument.localeCompare(b.instrument) || a.dimension.localeCompare(b.dimension));
  const topDrivers = new Set(inputs.drivers.slice(0, 3));
  let chosen = 0;
  for (const [rank, target] of dimensions.entries()) {
    if (chosen >= MAX_TECHNOLOGY_STEPS && rank >= TOP_DIMENSIONS) break;
    const candidates = catalogue.steps
      .filter((s) => s.kind === 'technology' && isEligible(s, inputs))
      .map((s) => ({ step: s, raise: s.raises.find((r) => r.instrument === target.instrument && r.dimension === target.dimension)?.by ?? 0 }))
      .filter((c) => c.raise > 0)
      .map((c) => ({ ...c, value: (c.raise * (1 + 0.25 * c.step.drivers.filter((d) => topDrivers.has(d)).length)) / (1 + c.step.effortDays / 5) }))
      .sort((a, b) => b.value - a.value || a.step.id.localeCompare(b.step.id));
    // The top priorities get up to three steps each, whatever the room; later ones one, while room lasts.
    const allowed = rank < TOP_DIMENSIONS ? STEPS_PER_TOP_DIMENSION : 1;
    let covered = 0;
    let taken = 0;
    for (const { step, raise } of candidates) {
      if (covered >= target.gap || taken >= allowed) break;
      if (rank >= TOP_DIMENSIONS && chosen >= MAX_TECHNOLOGY_STEPS) break;
      if (!why.has(step.id)) chosen += 1;
      add(why, step.id, { kind: 'gap', instrument: target.instrument, dimension: target.dimension, priority: target.priority });
      for (const driver of step.drivers) if (topDrivers.has(driver)) add(why, step.id, { kind: 'driver', driver });
      covered += raise;
      taken += 1;
    }
  }
}

function addPrerequisites(byId: Map<string, Step>, why: Map<string, Why[]>): void {
  const queue = [...why.keys()];
  while (queue.length > 0) {
    const step = byId.get(queue.shift()!);
    for (const prerequisite of step?.prerequisites.steps ?? []) {
      if (!byId.has(prerequisite)) continue;
      if (!why.has(prerequisite)) queue.push(prerequisite);
      add(why, prerequisite, { kind: 'prerequisite', of: step!.id });
    }
  }
}

/**
 * Prerequisites first; among steps free to go, those lowering a barrier, then those closing a gap
 * (highest priority first), then those only needed by another step; then the earlier natural horizon.
 */
function topologicalOrder(steps: Step[], why: Map<string, Why[]>): Step[] {
  const chosen = new Set(steps.map((s) => s.id));
  const waiting = new Map(steps.map((s) => [s.id, s.prerequisites.steps.filter((p) => chosen.has(p)).length]));
  const ordered: Step[] = [];
  const ownRank = (s: Step) => {
    const reasons = why.get(s.id) ?? [];
    // A step that lowers several high barriers at once (a peer visit) goes before one that lowers one.
    const barriers = reasons.filter((r) => r.kind === 'barrier').length;
    if (barriers > 0) return 1 / (1 + barriers);
    const gap = Math.max(0, ...reasons.map((r) => (r.kind === 'gap' ? r.priority : 0)));
    return gap > 0 ? 1 + 1 / (1 + gap) : 3;
  };
  // A prerequisite is as urgent as the most urgent step waiting for it, or it would hold that step back.
  const ranks = new Map<string, number>();
  const reasonRank = (s: Step): number => {
    const known = ranks.get(s.id);
    if (known !== undefined) return known;
    ranks.set(s.id, ownRank(s));
    const waitingOnIt = steps.filter((other) => other.prerequisites.steps.includes(s.id));
    const rank = Math.min(ownRank(s), ...waitingOnIt.map(reasonRank));
    ranks.set(s.id, rank);
    return rank;
  };
  while (ordered.length < steps.length) {
    const ready = steps
      .filter((s) => waiting.get(s.id) === 0 && !ordered.includes(s))
      .sort(
        (a, b) =>
          reasonRank(a) - reasonRank(b) ||
          horizons.indexOf(naturalHorizon(a)) - horizons.indexOf(naturalHorizon(b)) ||
          a.effortDays - b.effortDays ||
          a.id.localeCompare(b.id),
      );
    // A cycle in the catalogue would leave nothing ready; the validator refuses such a catalogue.
    const next = ready[0];
    if (!next) throw new Error(`The catalogue's prerequisites form a cycle among ${steps.filter((s) => !ordered.includes(s)).map((s) => s.id).join(', ')}`);
    ordered.push(next);
    for (const s of steps) if (s.prerequisites.steps.includes(next.id)) waiting.set(s.id, (waiting.get(s.id) ?? 0) - 1);
  }
  return ordered;
}

function enablerFor(step: Step, directories: Directories, inputs: RoadmapInputs): EnablerLink | null {
  const { country, region, naceCode } = inputs.client;
  const local = <T extends { country: string; regions: string[]; areas: string[]; id: string; example: boolean }>(entries: T[], extra: (e: T) => number = () => 0) =>
    entries
      .filter((e) => e.country === country && (e.regions.length === 0 || e.regions.includes(region)))
      // The adviser's own contacts beat the shipped examples whenever both fit.
      .map((e) => ({ e, score: (e.regions.includes(region) ? 2 : 0) + (e.areas.includes(step.area) ? 3 : 0) + (e.example ? 0 : 4) + extra(e) }))
      .sort((a, b) => b.score - a.score || a.e.id.localeCompare(b.e.id))[0]?.e;
  const link = (directory: keyof Directories, entry: { id: string; name: string } | undefined) => (entry ? { directory, id: entry.id, name: entry.name } : null);

  if (step.mitigates.includes('finance') && step.kind === 'enabling') {
    const scheme = link('fundingSchemes', local(directories.fundingSchemes));
    if (scheme) return scheme;
  }
  for (const mechanism of step.mechanisms) {
    const found =
      mechanism === 'peer-learning' && inputs.opensToPeers
        ? link('peers', local(directories.peers, (p) => (p.sectors.includes(naceCode as never) ? 2 : 0)))
        : mechanism === 'collective-skills'
          ? link('trainingProviders', local(directories.trainingProviders))
          : mechanism === 'intermediary'
            ? link('intermediaries', local(directories.intermediaries))
            : null;
    if (found) return found;
  }
  return step.grantEligible ? link('fundingSchemes', local(directories.fundingSchemes)) : null;
}

export function generateRoadmap(catalogue: Catalogue, inputs: RoadmapInputs): ProposedStep[] {
  const byId = new Map(catalogue.steps.map((s) => [s.id, s]));
  const why = new Map<string, Why[]>();
  chooseEnablingSteps(catalogue, inputs, why);
  chooseTechnologySteps(catalogue, inputs, why);
  addPrerequisites(byId, why);

  const ordered = topologicalOrder([...why.keys()].map((id) => byId.get(id)!), why);
  const hours = inputs.hoursPerWeek ?? DEFAULT_HOURS_PER_WEEK;
  let daysLeft = (hours * NOW_WEEKS) / WORKING_HOURS_PER_DAY;
  let nextDaysLeft = (hours * NEXT_WEEKS_OF_WORK) / WORKING_HOURS_PER_DAY;
  let moneyLeft = inputs.budget ? COST_CEILING[inputs.budget] : COST_CEILING['under-5k'];
  const horizonOf = new Map<string, Horizon>();
  for (const step of ordered) {
    const earliest = Math.max(0, ...step.prerequisites.steps.filter((p) => horizonOf.has(p)).map((p) => horizons.indexOf(horizonOf.get(p)!)));
    let horizon = horizons[Math.max(earliest, horizons.indexOf(naturalHorizon(step)))]!;
    if (horizon === 'now') {
      const cost = COST_CEILING[step.costBand];
      if (step.effortDays <= daysLeft && cost <= moneyLeft) {
        daysLeft -= step.effortDays;
        moneyLeft -= cost;
      } else horizon = 'next';
    }
    if (horizon === 'next') {
      if (step.effortDays <= nextDaysLeft) nextDaysLeft -= step.effortDays;
      else horizon = 'later';
    }
    horizonOf.set(step.id, horizon);
  }

  const counters: Record<Horizon, number> = { now: 0, next: 0, later: 0 };
  return horizons.flatMap((horizon) =>
    ordered
      .filter((s) => horizonOf.get(s.id) === horizon)
      .map((step) => ({ stepId: step.id, horizon, order: counters[horizon]++, why: why.get(step.id)!, enabler: enablerFor(step, catalogue.directories, inputs) })),
  );
}
