import { describe, expect, it } from 'vitest';
import { buildScenario } from '../../sim/scenario.ts';

// One work center of the simulated plant, on its own: orders held on consecutive working days.
function plantWithOneCenter() {
  const scenario = buildScenario({ seed: 7, orders: 300, days: 30 });
  const world = scenario.makeWorld();
  const center = [...world.workCenters.keys()][0] as string;
  const days = scenario.workingDays.slice(5, 15);
  const hours = world.capacity(center, days[0] as string);
  const promises = new Map<string, string>();
  // Each order's material is ready on the day its work was planned, unless a test says otherwise.
  const releases = new Map<string, string>();
  world.priorityOf = (orderId) => promises.get(orderId) ?? '9999-12-31';
  world.releaseOf = (orderId) => releases.get(orderId) ?? '9999-12-31';
  const book = (orderId: string, day: string, promise: string, share = 1) => {
    promises.set(orderId, promise);
    releases.set(orderId, day);
    world.reserve(orderId, [], [{ workCenter: center, date: day, hours: hours * share }]);
  };
  const daysOf = (orderId: string) => days.filter((day) => world.heldBy(orderId, center, day) > 1e-9);
  const day = (index: number) => days[index] as string;
  return { world, center, day, hours, book, daysOf, releases, days };
}

describe('the plant re-sequences its work when hours are lost', () => {
  it('leaves every hold where it was when nothing is lost', () => {
    const { world, center, day, book, daysOf } = plantWithOneCenter();
    book('late-promise', day(0), day(8));
    book('early-promise', day(1), day(3));
    const ends = world.resequence(center, day(0));
    expect(ends.size).toBe(0);
    expect(daysOf('late-promise')).toEqual([day(0)]);
    expect(daysOf('early-promise')).toEqual([day(1)]);
  });

  it('a breakdown pushes back the work with the latest promise, and only until free hours absorb it', () => {
    const { world, center, day, days, book, daysOf } = plantWithOneCenter();
    book('late-promise', day(0), day(8));
    book('early-promise', day(1), day(3));
    book('much-later', day(6), day(9));
    const ends = world.breakDown(center, [day(0)]);
    // The early promise keeps its day; the late one takes the first free day (day(2)).
    expect(daysOf('early-promise')).toEqual([day(1)]);
    expect(daysOf('late-promise')).toEqual([day(2)]);
    // Work after the free day is not moved: a breakdown is not a slide of the whole queue.
    expect(daysOf('much-later')).toEqual([day(6)]);
    expect([...ends.keys()]).toEqual(['late-promise']);
    for (const day of days)
      expect(world.held(center, day)).toBeLessThanOrEqual(world.capacity(center, day) + 1e-9);
  });

  it('hours freed by a late order go to released work instead of standing idle', () => {
    const { world, day, book, daysOf, releases } = plantWithOneCenter();
    book('waits-for-parts', day(0), day(4));
    book('queued', day(1), day(6));
    // The queued order's parts are already in: it could start as soon as hours are free.
    releases.set('queued', day(0));
    const ends = world.delayOrder('waits-for-parts', day(3), day(0));
    expect(daysOf('queued')).toEqual([day(0)]);
    expect(daysOf('waits-for-parts')).toEqual([day(3)]);
    expect(ends.get('waits-for-parts')).toBe(day(3));
  });

  it('rework of lost units jumps ahead of work promised later, which moves back by the rework only', () => {
    const { world, center, day, hours, book, daysOf } = plantWithOneCenter();
    book('reworked', day(0), day(2), 0.5);
    book('promised-later', day(1), day(9));
    world.addWork('reworked', center, hours / 2, day(1));
    expect(daysOf('reworked')).toEqual([day(0), day(1)]);
    // Half of the later order's day goes to the next free day.
    expect(daysOf('promised-later')).toEqual([day(1), day(2)]);
  });
});
