// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { avatarElement, avatarSvg, avatarText, type AvatarState } from '../src/parents/avatar';

function parse(state: AvatarState): SVGSVGElement {
  const doc = new DOMParser().parseFromString(avatarSvg(state), 'image/svg+xml');
  return doc.documentElement as unknown as SVGSVGElement;
}

describe('avatar', () => {
  it('takes its form from the chronotype: sun, moon, or half of each', () => {
    const sun = parse({ chronotype: 'early_bird', stress: 'calm' });
    expect(sun.querySelector('.sun-disc')).not.toBeNull();
    expect(sun.querySelectorAll('.rays line')).toHaveLength(12);
    expect(sun.querySelector('.moon-crescent')).toBeNull();

    const moon = parse({ chronotype: 'night_owl', stress: 'calm' });
    expect(moon.querySelector('.moon-crescent')).not.toBeNull();
    expect(moon.querySelector('.sun-disc')).toBeNull();
    expect(moon.querySelector('.rays')).toBeNull();

    for (const chronotype of ['intermediate', null] as const) {
      const half = parse({ chronotype, stress: 'calm' });
      expect(half.querySelector('.sun-half')).not.toBeNull();
      expect(half.querySelector('.moon-half')).not.toBeNull();
      // Rays only on the sun's (left) side: 7 of the 12, from straight up round to straight down.
      const rays = half.querySelectorAll('.rays line');
      expect(rays.length).toBe(7);
      for (const ray of rays) expect(Number(ray.getAttribute('x2'))).toBeLessThanOrEqual(60);
    }
  });

  it('takes its face from the stress: smile, wavy mouth, frown with brows, flat when unknown', () => {
    expect(parse({ chronotype: 'night_owl', stress: 'calm' }).querySelector('.mouth-smile')).not.toBeNull();
    expect(parse({ chronotype: 'night_owl', stress: 'uneasy' }).querySelector('.mouth-wavy')).not.toBeNull();
    const stressed = parse({ chronotype: 'night_owl', stress: 'stressed' });
    expect(stressed.querySelector('.mouth-frown')).not.toBeNull();
    expect(stressed.querySelector('.brows')).not.toBeNull();
    const unknown = parse({ chronotype: 'night_owl', stress: 'unknown' });
    expect(unknown.querySelector('.mouth-flat')).not.toBeNull();
    expect(unknown.querySelector('.mouth-smile, .mouth-frown, .mouth-wavy')).toBeNull();
  });

  it('says form, expression, chronotype and stress in words', () => {
    expect(avatarText({ chronotype: 'night_owl', stress: 'calm' })).toBe('A moon, calm: night owl, low stress today');
    expect(avatarText({ chronotype: 'early_bird', stress: 'stressed' })).toBe(
      'A sun, stressed: early bird, high stress today',
    );
    expect(avatarText({ chronotype: 'intermediate', stress: 'uneasy' })).toBe(
      'Half sun, half moon, uneasy: in between early bird and night owl, medium stress today',
    );
    expect(avatarText({ chronotype: null, stress: 'unknown' })).toBe(
      'Half sun, half moon, neutral: chronotype not known yet, no stress data today',
    );
  });

  it('is an image with a title and a label that match its text, and the same state gives the same SVG', () => {
    const state: AvatarState = { chronotype: 'early_bird', stress: 'uneasy' };
    const svg = parse(state);
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toBe(avatarText(state));
    expect(svg.querySelector('title')?.textContent).toBe(avatarText(state));
    expect(svg.getAttribute('aria-labelledby')).toBe(svg.querySelector('title')?.id);
    expect(avatarSvg(state)).toBe(avatarSvg(state));

    const element = avatarElement(state);
    expect(element.tagName.toLowerCase()).toBe('svg');
    expect(element.getAttribute('data-testid')).toBe('avatar');
    expect(element.getAttribute('data-form')).toBe('sun');
    expect(element.getAttribute('data-expression')).toBe('uneasy');
  });
});
