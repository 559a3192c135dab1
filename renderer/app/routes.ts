import { useSyncExternalStore } from 'react';

export type AssessmentStep = 'questions' | 'targets' | 'results' | 'roadmap';
export const assessmentSteps: readonly AssessmentStep[] = ['questions', 'targets', 'results', 'roadmap'];

export type Route =
  | { name: 'clients' }
  | { name: 'client-new' }
  | { name: 'client'; id: string }
  | { name: 'client-edit'; id: string }
  | { name: 'assessment-new'; clientId: string }
  | { name: 'assessment'; id: string; step: AssessmentStep }
  | { name: 'settings' }
  | { name: 'directories' }
  | { name: 'conflicts' }
  | { name: 'portfolio' }
  | { name: 'publishing' };

/** Routes live in the hash, so a reload (or a restart of browser mode) reopens the same screen. */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'settings') return { name: 'settings' };
  if (parts[0] === 'directories') return { name: 'directories' };
  if (parts[0] === 'conflicts') return { name: 'conflicts' };
  if (parts[0] === 'portfolio') return { name: 'portfolio' };
  if (parts[0] === 'publishing') return { name: 'publishing' };
  if (parts[0] === 'assessments' && parts[1]) {
    const step = assessmentSteps.find((s) => s === parts[2]) ?? 'questions';
    return { name: 'assessment', id: parts[1], step };
  }
  if (parts[0] === 'clients' && parts[1] && parts[2] === 'assessments' && parts[3] === 'new') return { name: 'assessment-new', clientId: parts[1] };
  if (parts[0] === 'clients' && parts[1] === 'new') return { name: 'client-new' };
  if (parts[0] === 'clients' && parts[1] && parts[2] === 'edit') return { name: 'client-edit', id: parts[1] };
  if (parts[0] === 'clients' && parts[1]) return { name: 'client', id: parts[1] };
  return { name: 'clients' };
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case 'clients':
      return '#/clients';
    case 'client-new':
      return '#/clients/new';
    case 'client':
      return `#/clients/${encodeURIComponent(route.id)}`;
    case 'client-edit':
      return `#/clients/${encodeURIComponent(route.id)}/edit`;
    case 'assessment-new':
      return `#/clients/${encodeURIComponent(route.clientId)}/assessments/new`;
    case 'assessment':
      return `#/assessments/${encodeURIComponent(route.id)}/${route.step}`;
    case 'settings':
      return '#/settings';
    case 'directories':
      return '#/directories';
    case 'conflicts':
      return '#/conflicts';
    case 'portfolio':
      return '#/portfolio';
    case 'publishing':
      return '#/publishing';
  }
}

export function navigate(route: Route): void {
  window.location.hash = routeHref(route);
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
