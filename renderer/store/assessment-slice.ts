import type { StateCreator } from 'zustand';
import type { ApiClient } from '../../shared/api/client';
import type { Answer, AnswerSave, AssessmentDetail, AssessmentResults, Target } from '../../shared/assessments/schema';
import type { Instrument } from '../../shared/instruments/schema';
import type { AppState } from './app-store';

export type AnswerDraft = Omit<Answer, 'updatedAt'>;
export const answerKey = (instrumentId: string, questionId: string) => `${instrumentId}/${questionId}`;

export interface SaveStatus {
  state: 'idle' | 'saving' | 'saved' | 'failed';
  /** Wall-clock time of the last acknowledged save. */
  savedAt: Date | null;
  error: string | null;
  /** Whether a failed save will be tried again by itself (a refused answer will not). */
  retrying: boolean;
}

export interface Workspace {
  detail: AssessmentDetail;
  instruments: Instrument[];
  results: AssessmentResults | null;
}

export interface AssessmentSlice {
  workspace: Workspace | null;
  workspaceError: string | null;
  answers: Record<string, Answer | AnswerDraft>;
  saveStatus: SaveStatus;
  /** Answers not yet acknowledged by the database, by key; retried until they are. */
  unsaved: Record<string, AnswerDraft>;
  lastChange: { previous: AnswerDraft; next: AnswerDraft } | null;
  openAssessment(id: string): Promise<void>;
  closeAssessment(): void;
  saveAnswer(draft: AnswerDraft, options?: { undoable?: boolean }): Promise<boolean>;
  undoLastChange(): Promise<void>;
  retryUnsaved(): Promise<void>;
  /** Changes the target or the importance of one dimension, keeping whatever else is already set. */
  saveTarget(instrumentId: string, dimensionId: string, change: Partial<Pick<Target, 'target' | 'importance'>>): Promise<boolean>;
  refreshResults(): Promise<void>;
  setPosition(instrumentId: string, questionId: string): void;
  /** Locks the assessment; false (with the reason shown) if it could not be finalised. */
  finaliseAssessment(): Promise<boolean>;
  /** Starts a draft revision of a finalised assessment and returns its id. */
  reviseAssessment(): Promise<string | null>;
  replaceAssessment(detail: AssessmentDetail): void;
}

export function emptyDraft(instrumentId: string, questionId: string): AnswerDraft {
  return { instrumentId, questionId, value: null, notApplicable: false, note: '', flagged: false };
}

const RETRY_DELAYS_MS = [1000, 3000, 10000, 30000];

export const createAssessmentSlice =
  (api: ApiClient, t: (key: string, params?: Record<string, unknown>) => string): StateCreator<AppState, [], [], AssessmentSlice> =>
  (set, get) => {
    // Saves of one answer run one after another, so an older value never lands after a newer one.
    const chains = new Map<string, Promise<unknown>>();
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    // Saves still on their way to the database: "Saved" may only show once there are none.
    let inFlight = 0;
    // Only the newest opening of an assessment may land: an older one finishing late would put back
    // the position, answers and drafts as they were when it started.
    let openRequest = 0;
    const settled = (s: AppState): SaveStatus =>
      inFlight > 0 ? { ...s.saveStatus, state: 'saving' } : Object.keys(s.unsaved).length > 0 ? s.saveStatus : { state: 'saved', savedAt: new Date(), error: null, retrying: false };
    let retryAttempt = 0;

    const scheduleRetry = () => {
      if (retryTimer) return;
      const delay = RETRY_DELAYS_MS[Math.min(retryAttempt, RETRY_DELAYS_MS.length - 1)]!;
      retryAttempt += 1;
      retryTimer = setTimeout(() => {
        retryTimer = undefined;
        void get().retryUnsaved();
      }, delay);
    };

    const persist = async (draft: AnswerDraft): Promise<boolean> => {
      const workspace = get().workspace;
      if (!workspace) return false;
      const key = answerKey(draft.instrumentId, draft.questionId);
      // The draft may be an acknowledged answer carrying its clock; the API takes only what the adviser set.
      const input: AnswerSave = { assessmentId: workspace.detail.assessment.id, ...stripClock(draft) };
      inFlight += 1;
      set((s) => ({ saveStatus: { ...s.saveStatus, state: 'saving' } }));
      const run = (chains.get(key) ?? Promise.resolve()).then(() => api.call('answers.save', input));
      chains.set(key, run);
      const result = await run.finally(() => (inFlight -= 1));
      if (chains.get(key) === run) chains.delete(key);
      if (!result.ok) {
        // Bad input will not get better by retrying; a busy disk or a broken transport might.
        const retrying = result.error.code !== 'invalid_input' && result.error.code !== 'conflict';
        set((s) => ({ unsaved: { ...s.unsaved, [key]: draft }, saveStatus: { ...s.saveStatus, state: 'failed', error: result.error.message, retrying } }));
        if (retrying) scheduleRetry();
        return false;
      }
      set((s) => {
        const { [key]: _saved, ...unsaved } = s.unsaved;
        return {
          unsaved,
          answers: s.answers[key] === draft ? { ...s.answers, [key]: result.value } : s.answers,
          saveStatus: settled({ ...s, unsaved }),
        };
      });
      if (Object.keys(get().unsaved).length === 0) retryAttempt = 0;
      return true;
    };

    return {
      workspace: null,
      workspaceError: null,
      answers: {},
      saveStatus: { state: 'idle', savedAt: null, error: null, retrying: false },
      unsaved: {},
      lastChange: null,

      openAssessment: async (id) => {
        const request = ++openRequest;
        set({ workspaceError: null });
        const detail = await api.call('assessments.get', { id });
        if (request !== openRequest) return;
        if (!detail.ok) {
          set({ workspaceError: detail.error.message, workspace: null });
          return;
        }
        const instruments: Instrument[] = [];
        for (const ref of detail.value.assessment.instruments) {
          const instrument = await api.call('instruments.get', ref);
          if (!instrument.ok) {
            set({ workspaceError: instrument.error.message, workspace: null });
            return;
          }
          instruments.push(instrument.value);
        }
        if (request !== openRequest) return;
        get().replaceAssessment(detail.value);
        set((s) => ({ workspace: { detail: detail.value, instruments, results: s.workspace?.detail.assessment.id === id ? s.workspace.results : null } }));
        await get().refreshResults();
      },

      replaceAssessment: (detail) => {
        const answers: Record<string, Answer> = {};
        for (const answer of detail.answers) answers[answerKey(answer.instrumentId, answer.questionId)] = answer;
        set((s) => ({
          answers,
          unsaved: {},
          lastChange: null,
          saveStatus: { state: 'idle', savedAt: null, error: null, retrying: false },
          workspace: s.workspace ? { ...s.workspace, detail } : s.workspace,
        }));
      },

      closeAssessment: () => set({ workspace: null, answers: {}, lastChange: null }),

      saveAnswer: async (draft, options = {}) => {
        const key = answerKey(draft.instrumentId, draft.questionId);
        const previous = get().answers[key] ?? emptyDraft(draft.instrumentId, draft.questionId);
        set((s) => ({
          answers: { ...s.answers, [key]: draft },
          lastChange: options.undoable === false ? s.lastChange : { previous: stripClock(previous), next: draft },
        }));
        return persist(draft);
      },

      undoLastChange: async () => {
        const change = get().lastChange;
        if (!change) return;
        set({ lastChange: null });
        const key = answerKey(change.previous.instrumentId, change.previous.questionId);
        set((s) => ({ answers: { ...s.answers, [key]: change.previous } }));
        await persist(change.previous);
      },

      retryUnsaved: async () => {
        const pending = Object.values(get().unsaved);
        for (const draft of pending) await persist(draft);
      },

      saveTarget: async (instrumentId, dimensionId, change) => {
        const workspace = get().workspace;
        if (!workspace) return false;
        // Merge with the latest state, not with what a screen rendered a moment ago: a target typed
        // and an importance clicked straight after must both survive.
        const same = (t: Target) => t.instrumentId === instrumentId && t.dimensionId === dimensionId;
        const current = workspace.detail.targets.find(same);
        const target = { instrumentId, dimensionId, target: current?.target ?? null, importance: current?.importance ?? null, ...change };
        set((s) =>
          s.workspace
            ? {
                saveStatus: { ...s.saveStatus, state: 'saving' },
                workspace: { ...s.workspace, detail: { ...s.workspace.detail, targets: [...s.workspace.detail.targets.filter((t) => !same(t)), { ...target, updatedAt: current?.updatedAt ?? '' }] } },
              }
            : {},
        );
        const key = `target/${instrumentId}/${dimensionId}`;
        inFlight += 1;
        const run = (chains.get(key) ?? Promise.resolve()).then(() => api.call('targets.save', { assessmentId: workspace.detail.assessment.id, ...target }));
        chains.set(key, run);
        const result = await run.finally(() => (inFlight -= 1));
        if (chains.get(key) === run) chains.delete(key);
        if (!result.ok) {
          set((s) => ({ saveStatus: { ...s.saveStatus, state: 'failed', error: result.error.message, retrying: false } }));
          return false;
        }
        set((s) => {
          if (!s.workspace) return {};
          // A newer change to the same dimension may have been made meanwhile; keep the newest values.
          const latest = s.workspace.detail.targets.find(same);
          const merged = latest && (latest.target !== result.value.target || latest.importance !== result.value.importance) ? latest : result.value;
          return {
            saveStatus: settled(s),
            workspace: { ...s.workspace, detail: { ...s.workspace.detail, targets: [...s.workspace.detail.targets.filter((t) => !same(t)), merged] } },
          };
        });
        await get().refreshResults();
        return true;
      },

      refreshResults: async () => {
        const workspace = get().workspace;
        if (!workspace) return;
        const result = await api.call('assessments.results', { id: workspace.detail.assessment.id });
        if (result.ok) set((s) => (s.workspace ? { workspace: { ...s.workspace, results: result.value } } : {}));
      },

      finaliseAssessment: async () => {
        const workspace = get().workspace;
        if (!workspace) return false;
        await get().retryUnsaved();
        const result = await api.call('assessments.finalise', { id: workspace.detail.assessment.id });
        if (!result.ok) {
          get().notify({ tone: 'error', message: result.error.message });
          return false;
        }
        get().notify({ tone: 'success', message: t('results.finalised') });
        await get().openAssessment(workspace.detail.assessment.id);
        return true;
      },

      reviseAssessment: async () => {
        const workspace = get().workspace;
        if (!workspace) return null;
        const result = await api.call('assessments.revise', { id: workspace.detail.assessment.id });
        if (!result.ok) {
          get().notify({ tone: 'error', message: result.error.message });
          return null;
        }
        get().notify({ tone: 'success', message: t('workspace.revised') });
        return result.value.id;
      },

      setPosition: (instrumentId, questionId) => {
        const workspace = get().workspace;
        if (!workspace) return;
        set((s) => (s.workspace ? { workspace: { ...s.workspace, detail: { ...s.workspace.detail, position: { instrumentId, questionId } } } } : {}));
        void api.call('assessments.setPosition', { assessmentId: workspace.detail.assessment.id, instrumentId, questionId });
      },
    };
  };

function stripClock(answer: Answer | AnswerDraft): AnswerDraft {
  const { instrumentId, questionId, value, notApplicable, note, flagged } = answer;
  return { instrumentId, questionId, value, notApplicable, note, flagged };
}
