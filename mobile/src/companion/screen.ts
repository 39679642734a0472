import type { ApiClient } from '../shared/api';
import type { ChildSummary } from '../shared/types';

/** Placeholder until the companion lands: the shell's route to it needs the module. */
export function mountCompanion(root: HTMLElement, _ctx: { api: ApiClient; children: ChildSummary[] }): () => void {
  const h1 = document.createElement('h1');
  h1.textContent = 'Companion';
  root.append(h1);
  return () => h1.remove();
}
