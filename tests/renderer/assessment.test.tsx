import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Transport } from '../../shared/api/client';
import type { AppServices } from '../../electron/services/app-services';
import { workedExample } from '../../electron/services/demo/worked-examples';
import { validClient } from '../helpers/fixtures';
import { renderApp } from './render-app';

let services: AppServices | undefined;
afterEach(async () => {
  await services?.close();
  services = undefined;
});

async function withAssessment(s: AppServices, instruments = ['digital-maturity', 'stepping-stones']) {
  const client = await s.clients.create(validClient() as never);
  return s.assessments.create({ companyId: client.id, kind: 'baseline', baselineId: null, instruments: instruments.map((id) => ({ id })), visitDate: '2026-11-21', peoplePresent: '', reportLanguage: 'en' });
}

async function storedAnswer(s: AppServices, assessmentId: string, questionId: string) {
  return (await s.assessments.get(assessmentId)).answers.find((a) => a.questionId === questionId);
}

describe('starting an assessment', () => {
  it('starts a baseline with digital maturity and the stepping-stones diagnostic chosen by default', async () => {
    let clientId = '';
    const app = await renderApp('#/clients', async (s) => {
      clientId = (await s.clients.create(validClient() as never)).id;
    });
    services = app.services;
    window.location.hash = `#/clients/${clientId}/assessments/new`;
    expect(await screen.findByRole('checkbox', { name: /Digital maturity/ })).toHaveProperty('checked', true);
    expect(screen.getByRole('checkbox', { name: /Stepping-stones diagnostic/ })).toHaveProperty('checked', true);
    expect(screen.getByRole('checkbox', { name: /Smart factory readiness/ })).toHaveProperty('checked', false);
    await app.user.click(screen.getByRole('button', { name: 'Start assessment' }));
    expect(await screen.findByText('Question 1 of 7')).toBeTruthy();
    const [assessment] = await app.services.assessments.listForClient(clientId);
    expect(assessment!.instruments.map((i) => i.id)).toEqual(['digital-maturity', 'stepping-stones']);
  });
});

describe('the questionnaire', () => {
  it('saves a level chosen with a number key and shows it as saved', async () => {
    let id = '';
    const app = await renderApp('#/clients', async (s) => {
      id = (await withAssessment(s)).id;
    });
    services = app.services;
    window.location.hash = `#/assessments/${id}/questions`;
    const first = await screen.findByRole('radiogroup');
    await app.user.keyboard('3');
    await waitFor(() => expect(within(first).getByRole('radio', { name: /^3/ })).toHaveProperty('checked', true));
    expect(await screen.findByText(/^Saved · /)).toBeTruthy();
    const instrument = await app.services.instruments.get('digital-maturity');
    expect((await storedAnswer(app.services, id, instrument.questions[0]!.id))?.value).toBe(3);
  });

  it('moves on with Enter, counts progress, and resumes at the same question after a reload', async () => {
    let id = '';
    const app = await renderApp('#/clients', async (s) => {
      id = (await withAssessment(s)).id;
    });
    services = app.services;
    window.location.hash = `#/assessments/${id}/questions`;
    await screen.findByText('Question 1 of 7');
    await app.user.keyboard('2');
    await app.user.keyboard('{Enter}');
    expect(await screen.findByText('Question 2 of 7')).toBeTruthy();
    expect(screen.getByText(/^1 of \d+ answered$/)).toBeTruthy();
    const detail = await app.services.assessments.get(id);
    expect(detail.position?.questionId).toBe((await app.services.instruments.get('digital-maturity')).questions[1]!.id);
  });

  it('goes back one question per key press, even when the keys come faster than the screen redraws', async () => {
    let id = '';
    const app = await renderApp('#/clients', async (s) => {
      id = (await withAssessment(s, ['digital-maturity'])).id;
      await s.assessments.setPosition({ assessmentId: id, instrumentId: 'digital-maturity', questionId: 'dm-strategy-support' });
    });
    services = app.services;
    window.location.hash = `#/assessments/${id}/questions`;
    await screen.findByText('Question 7 of 7');
    for (let i = 0; i < 4; i++) window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', altKey: true, bubbles: true, cancelable: true }));
    expect(await screen.findByText('Question 3 of 7')).toBeTruthy();
  });

  it('asks a follow-up only once its condition holds', async () => {
    let id = '';
    const app = await renderApp('#/clients', async (s) => {
      id = (await withAssessment(s, ['digital-maturity'])).id;
      await s.assessments.setPosition({ assessmentId: id, instrumentId: 'digital-maturity', questionId: 'dm-readiness-erp' });
    });
    services = app.services;
    window.location.hash = `#/assessments/${id}/questions`;
    const instrument = await app.services.instruments.get('digital-maturity');
    const followUp = instrument.questions.find((q) => q.appliesIf?.question === 'dm-readiness-erp')!;
    await screen.findByRole('radiogroup');
    await app.user.keyboard('1');
    await app.user.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('heading', { name: followUp.text.en })).toBeNull());
    await app.user.keyboard('{Alt>}{ArrowLeft}{/Alt}');
    await app.user.keyboard('4');
    await app.user.keyboard('{Enter}');
    expect(await screen.findByRole('heading', { name: followUp.text.en })).toBeTruthy();
  });

  it('saves a note when the field loses focus, and undoes the last answer', async () => {
    let id = '';
    const app = await renderApp('#/clients', async (s) => {
      id = (await withAssessment(s)).id;
    });
    services = app.services;
    window.location.hash = `#/assessments/${id}/questions`;
    const firstQuestion = (await app.services.instruments.get('digital-maturity')).questions[0]!.id;
    await screen.findByRole('radiogroup');
    await app.user.type(screen.getByRole('textbox', { name: 'Note' }), 'Owner wants fewer phone calls about order status');
    await app.user.tab();
    await waitFor(async () => expect((await storedAnswer(app.services!, id, firstQuestion))?.note).toBe('Owner wants fewer phone calls about order status'));

    await app.user.click(screen.getByRole('radio', { name: /^4/ }));
    await waitFor(async () => expect((await storedAnswer(app.services!, id, firstQuestion))?.value).toBe(4));
    await app.user.click(screen.getByRole('button', { name: /Undo last change/ }));
    await waitFor(async () => expect((await storedAnswer(app.services!, id, firstQuestion))?.value).toBeNull());
    expect((await storedAnswer(app.services, id, firstQuestion))?.note).toBe('Owner wants fewer phone calls about order status');
  });

  it('says "Saved" only when no answer is still on its way to the database', async () => {
    let id = '';
    let release: () => void = () => undefined;
    let held = 0;
    // The first save is held back until the test lets it go; the next goes straight through.
    const holdFirst = (transport: Transport): Transport => async (name, input) => {
      if (name === 'answers.save' && ++held === 1) await new Promise<void>((resolve) => (release = resolve));
      return transport(name, input);
    };
    const app = await renderApp(
      '#/clients',
      async (s) => {
        id = (await withAssessment(s)).id;
      },
      holdFirst,
    );
    services = app.services;
    window.location.hash = `#/assessments/${id}/questions`;
    await screen.findByText('Question 1 of 7');
    await app.user.keyboard('2');
    await screen.findByText('Saving…');
    await app.user.keyboard('{Enter}');
    await screen.findByText('Question 2 of 7');
    await app.user.keyboard('4');
    // The second answer is in; the first is not, so nothing may claim to be saved.
    await waitFor(async () => expect((await app.services!.assessments.get(id)).answers).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(screen.queryByText(/^Saved · /)).toBeNull();
    expect(screen.getByText('Saving…')).toBeTruthy();
    release();
    expect(await screen.findByText(/^Saved · /)).toBeTruthy();
  });

  it('says loudly when a save fails and saves the answer once the retry succeeds', async () => {
    let id = '';
    let failures = 2;
    const flaky = (transport: Transport): Transport => async (name, input) =>
      name === 'answers.save' && failures-- > 0 ? { ok: false, error: { code: 'database', message: 'The disk is full' } } : transport(name, input);
    const app = await renderApp(
      '#/clients',
      async (s) => {
        id = (await withAssessment(s)).id;
      },
      flaky,
    );
    services = app.services;
    window.location.hash = `#/assessments/${id}/questions`;
    await screen.findByRole('radiogroup');
    await app.user.keyboard('5');
    expect((await screen.findByRole('alert')).textContent).toContain('NOT SAVED — The disk is full');
    await waitFor(() => expect(screen.getByText(/^Saved · /)).toBeTruthy(), { timeout: 8000 });
    const firstQuestion = (await app.services.instruments.get('digital-maturity')).questions[0]!.id;
    expect((await storedAnswer(app.services, id, firstQuestion))?.value).toBe(5);
  }, 15_000);
});

describe('targets, results and finalising', () => {
  async function recordExample(s: AppServices): Promise<string> {
    const example = workedExample('machine-shop');
    const client = await s.clients.create(example.client as never);
    const assessment = await s.assessments.create({ companyId: client.id, kind: 'baseline', baselineId: null, instruments: example.instruments.map((id) => ({ id })), visitDate: example.visitDate, peoplePresent: '', reportLanguage: 'en' });
    for (const a of example.answers) await s.assessments.saveAnswer({ assessmentId: assessment.id, ...a, flagged: false });
    for (const t of example.targets) await s.assessments.saveTarget({ assessmentId: assessment.id, ...t });
    return assessment.id;
  }

  it('shows the scoring engine’s numbers, with the top priorities explained', async () => {
    let id = '';
    const app = await renderApp('#/clients', async (s) => {
      id = await recordExample(s);
    });
    services = app.services;
    window.location.hash = `#/assessments/${id}/results`;
    const results = await app.services.assessments.results(id);
    const dm = results.instruments.find((r) => r.instrumentId === 'digital-maturity')!;
    const score = await screen.findByText(String(dm.overall!.score), { selector: '.score-value' });
    expect(score).toBeTruthy();
    expect(screen.getByText('Basic', { selector: '.band-pill' })).toBeTruthy();
    const priorities = within(screen.getByRole('heading', { name: 'Top priorities' }).parentElement!).getAllByRole('listitem');
    expect(priorities[0]!.textContent).toContain('Data management and connectedness');
    expect(priorities[0]!.textContent).toContain('Priority 27 = importance');
    expect(screen.getByRole('img', { name: /Radar chart of Digital maturity/ })).toBeTruthy();
  });

  it('locks a finalised assessment and starts a revision that keeps the answers', async () => {
    let id = '';
    const app = await renderApp('#/clients', async (s) => {
      id = await recordExample(s);
      await s.assessments.finalise(id);
    });
    services = app.services;
    window.location.hash = `#/assessments/${id}/questions`;
    await screen.findByText(/can no longer change/);
    expect(screen.getAllByRole('radio').every((r) => (r as HTMLInputElement).disabled)).toBe(true);
    await app.user.click(screen.getByRole('button', { name: 'Start a revision' }));
    await waitFor(() => expect(window.location.hash).not.toContain(id));
    const revisionId = window.location.hash.split('/')[2]!;
    const revision = await app.services.assessments.get(revisionId);
    expect(revision.assessment.revisionOf).toBe(id);
    expect(revision.answers.length).toBe((await app.services.assessments.get(id)).answers.length);
  });

  it('keeps a target typed just before the importance is clicked, even while the first save is still on its way', async () => {
    let id = '';
    const slow = (transport: Transport): Transport => async (name, input) => {
      if (name === 'targets.save') await new Promise((resolve) => setTimeout(resolve, 150));
      return transport(name, input);
    };
    const app = await renderApp(
      '#/clients',
      async (s) => {
        id = (await withAssessment(s)).id;
      },
      slow,
    );
    services = app.services;
    window.location.hash = `#/assessments/${id}/targets`;
    const target = await screen.findByRole('spinbutton', { name: 'Target: Green digitalisation' });
    await app.user.type(target, '55');
    target.blur();
    within(screen.getByRole('radiogroup', { name: 'Importance: Green digitalisation' })).getByRole('radio', { name: '5' }).click();
    await waitFor(async () => {
      const saved = (await app.services!.assessments.get(id)).targets.find((t) => t.dimensionId === 'green-digital');
      expect(saved).toMatchObject({ target: 55, importance: 5 });
    });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await app.services.assessments.get(id)).targets.find((t) => t.dimensionId === 'green-digital')).toMatchObject({ target: 55, importance: 5 });
  });

  it('saves a target and an importance from the targets step', async () => {
    let id = '';
    const app = await renderApp('#/clients', async (s) => {
      id = (await withAssessment(s)).id;
    });
    services = app.services;
    window.location.hash = `#/assessments/${id}/targets`;
    const target = await screen.findByRole('spinbutton', { name: 'Target: Digital readiness' });
    await app.user.type(target, '70');
    await app.user.tab();
    await app.user.click(within(screen.getByRole('radiogroup', { name: 'Importance: Digital readiness' })).getByRole('radio', { name: '4' }));
    await waitFor(async () => {
      const saved = (await app.services!.assessments.get(id)).targets.find((t) => t.dimensionId === 'digital-readiness');
      expect(saved).toMatchObject({ target: 70, importance: 4 });
    });
  });
});
