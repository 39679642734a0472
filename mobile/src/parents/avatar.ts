import type { ChronotypeView, StressLevel } from './summary';

/**
 * The child's character: its form follows the chronotype (a sun for an early bird, a moon for a night owl, half of
 * each in between or while unknown), its face today's stress. Pure: the same state always gives the same SVG, and
 * its text says both in words, so nothing depends on seeing the picture or its colours.
 */

export type AvatarForm = 'sun' | 'moon' | 'half';
export type AvatarExpression = 'calm' | 'uneasy' | 'stressed' | 'neutral';

export interface AvatarState {
  readonly chronotype: ChronotypeView['category'];
  readonly stress: StressLevel;
}

export function avatarForm(chronotype: AvatarState['chronotype']): AvatarForm {
  if (chronotype === 'early_bird') return 'sun';
  if (chronotype === 'night_owl') return 'moon';
  return 'half';
}

export function avatarExpression(stress: StressLevel): AvatarExpression {
  return stress === 'unknown' ? 'neutral' : stress;
}

const FORM_WORDS: Record<AvatarForm, string> = { sun: 'A sun', moon: 'A moon', half: 'Half sun, half moon' };
const CHRONOTYPE_WORDS = {
  early_bird: 'early bird',
  night_owl: 'night owl',
  intermediate: 'in between early bird and night owl',
} as const;
const STRESS_WORDS: Record<StressLevel, string> = {
  calm: 'low stress today',
  uneasy: 'medium stress today',
  stressed: 'high stress today',
  unknown: 'no stress data today',
};

/** "A moon, calm: night owl, low stress today". */
export function avatarText(state: AvatarState): string {
  const chronotype = state.chronotype === null ? 'chronotype not known yet' : CHRONOTYPE_WORDS[state.chronotype];
  return `${FORM_WORDS[avatarForm(state.chronotype)]}, ${avatarExpression(state.stress)}: ${chronotype}, ${
    STRESS_WORDS[state.stress]
  }`;
}

const INK = '#1d3557';
const SUN = '#f6c453';
const MOON = '#c9d6ea';

function rays(onlyLeft: boolean): string {
  const out: string[] = [];
  for (let i = 0; i < 12; i++) {
    const a = (i * Math.PI) / 6;
    const x = Math.cos(a);
    if (onlyLeft && x > 0.01) continue;
    const y = Math.sin(a);
    const f = (v: number) => (60 + v).toFixed(1);
    out.push(`<line x1="${f(x * 44)}" y1="${f(y * 44)}" x2="${f(x * 56)}" y2="${f(y * 56)}"/>`);
  }
  return `<g class="rays" stroke="${INK}" stroke-width="4" stroke-linecap="round">${out.join('')}</g>`;
}

function body(form: AvatarForm): string {
  switch (form) {
    case 'sun':
      return `${rays(false)}<circle class="sun-disc" cx="60" cy="60" r="36" fill="${SUN}" stroke="${INK}" stroke-width="3"/>`;
    case 'moon':
      // A crescent: the circle at (56,60) r 38 less the one at (82,44) r 30, between their two crossings.
      return `<path class="moon-crescent" d="M61.2 22.3 A38 38 0 1 0 92 72.3 A30 30 0 0 1 61.2 22.3 Z" fill="${MOON}" stroke="${INK}" stroke-width="3"/>`;
    case 'half':
      return `${rays(true)}<path class="sun-half" d="M60 24 A36 36 0 0 0 60 96 Z" fill="${SUN}" stroke="${INK}" stroke-width="3"/><path class="moon-half" d="M60 24 A36 36 0 0 1 60 96 Z" fill="${MOON}" stroke="${INK}" stroke-width="3"/>`;
  }
}

function face(expression: AvatarExpression, form: AvatarForm): string {
  // The moon's face sits left, in the crescent's thick part (x 19 to 54 at eye height).
  const cx = form === 'moon' ? 36 : 60;
  const eyes = `<circle cx="${cx - 8}" cy="54" r="3.5"/><circle cx="${cx + 8}" cy="54" r="3.5"/>`;
  let mouth: string;
  let brows = '';
  switch (expression) {
    case 'calm':
      mouth = `<path class="mouth-smile" d="M${cx - 9} 68 Q${cx} 77 ${cx + 9} 68" fill="none"/>`;
      break;
    case 'uneasy':
      mouth = `<path class="mouth-wavy" d="M${cx - 10} 72 Q${cx - 5} 67 ${cx} 72 T${cx + 10} 72" fill="none"/>`;
      break;
    case 'stressed':
      mouth = `<path class="mouth-frown" d="M${cx - 10} 76 Q${cx} 66 ${cx + 10} 76" fill="none"/>`;
      brows = `<path class="brows" d="M${cx - 15} 46 L${cx - 6} 49 M${cx + 15} 46 L${cx + 6} 49" fill="none"/>`;
      break;
    case 'neutral':
      mouth = `<path class="mouth-flat" d="M${cx - 8} 71 L${cx + 8} 71" fill="none"/>`;
      break;
  }
  return `<g class="face" fill="${INK}" stroke="${INK}" stroke-width="3" stroke-linecap="round">${eyes}${brows}${mouth}</g>`;
}

/** The avatar as SVG markup: `<svg role="img">` with a `<title>` and an aria-label of {@link avatarText}. */
export function avatarSvg(state: AvatarState, idSuffix = 'avatar'): string {
  const form = avatarForm(state.chronotype);
  const expression = avatarExpression(state.stress);
  const text = avatarText(state);
  const titleId = `${idSuffix}-title`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 120" width="120" height="120" role="img" ` +
    `aria-labelledby="${titleId}" aria-label="${text}" data-testid="avatar" data-form="${form}" ` +
    `data-expression="${expression}"><title id="${titleId}">${text}</title>${body(form)}${face(expression, form)}</svg>`
  );
}

/** The avatar as an element, for the DOM. */
export function avatarElement(state: AvatarState, doc: Document = document): SVGSVGElement {
  const template = doc.createElement('template');
  template.innerHTML = avatarSvg(state);
  return template.content.firstElementChild as SVGSVGElement;
}
