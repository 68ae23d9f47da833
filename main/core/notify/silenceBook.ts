import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Matcher, Silence } from '../../../shared/model/alert.js';
import { describeIssues } from '../../../shared/validation/issues.js';
import { storedSilenceSchema } from '../../../shared/validation/silence.js';
import { AppError } from '../base/errors.js';
import { JsonStateFile } from '../base/jsonStateFile.js';

/** How long an ended silence is still listed (Alertmanager's default --data.retention, 120 h). */
export const SILENCE_RETENTION_MS = 120 * 3_600_000;
/** Most silences kept (a bound on a file someone edited by hand, and on a client that creates in a loop). */
export const MAX_SILENCES = 1_000;

/** silences.json: `{ "silences": [...] }`, each silence in the shape of shared/validation/silence.ts. */
const silencesFileSchema = z.strictObject({ silences: z.array(storedSilenceSchema).max(MAX_SILENCES, `must hold at most ${MAX_SILENCES} silences`) }, { error: 'must be an object { "silences": [...] }' });

function parseSilences(data: unknown): { ok: true; value: Silence[] } | { ok: false; problem: string } {
  const r = silencesFileSchema.safeParse(data);
  if (r.success) return { ok: true, value: r.data.silences };
  return { ok: false, problem: describeIssues(r.error, '(file)').join('; ') };
}

/** A silence to create. */
export interface NewSilence {
  readonly matchers: readonly Matcher[];
  readonly startsAt: number;
  readonly endsAt: number;
  readonly createdBy: string;
  readonly comment: string;
}

/**
 * The silences notifications obey (Alertmanager's model): those of notifications.json (read-only here: edit the
 * file) and those made in the app, which are kept in a JSON file in the state folder so a restart does not
 * unmute anything. Ending a silence sets its end to now (Alertmanager "expire"); ended silences stay listed for
 * {@link SILENCE_RETENTION_MS}, then are dropped.
 */
export class SilenceBook {
  #made: Silence[] = [];

  private constructor(
    private readonly file: JsonStateFile<Silence[]>,
    private readonly fromSettings: readonly Silence[],
    private readonly now: () => number,
  ) {}

  /** Opens the book at `path` (a missing file: no silences made in the app yet). */
  static async open(path: string, options: { readonly settings?: readonly Silence[]; readonly now?: () => number; readonly onProblem?: (message: string) => void } = {}): Promise<SilenceBook> {
    const book = new SilenceBook(new JsonStateFile(path, parseSilences), (options.settings ?? []).map((s) => ({ ...s, source: 'settings' as const })), options.now ?? Date.now);
    book.#made = (await book.file.read(options.onProblem ?? ((m) => console.warn(`[silences] ${m}; starting with none made in the app`)))) ?? [];
    return book;
  }

  /** Every silence not ended longer ago than the retention, soonest end first. */
  list(): Silence[] {
    const keepAfter = this.now() - SILENCE_RETENTION_MS;
    return [...this.fromSettings, ...this.#made].filter((s) => s.endsAt > keepAfter).sort((a, b) => a.endsAt - b.endsAt);
  }

  /** The silences in force now (the notification pipeline's muter reads this on every decision). */
  active(): Silence[] {
    const now = this.now();
    const out: Silence[] = [];
    for (const s of this.fromSettings) if (s.startsAt <= now && now < s.endsAt) out.push(s);
    for (const s of this.#made) if (s.startsAt <= now && now < s.endsAt) out.push(s);
    return out;
  }

  /** Creates a silence; resolves once it is on disk. */
  async add(input: NewSilence): Promise<Silence> {
    this.#check(input);
    this.#prune();
    if (this.#made.length >= MAX_SILENCES) throw new AppError('PRECONDITION', `at most ${MAX_SILENCES} silences are kept; end some first`);
    const s: Silence = { id: randomUUID(), matchers: input.matchers.map((m) => ({ ...m })), startsAt: input.startsAt, endsAt: input.endsAt, createdBy: input.createdBy, comment: input.comment, source: 'app' };
    this.#made = [...this.#made, s];
    await this.#save();
    return s;
  }

  /**
   * Changes a silence made in the app: its matchers, window and comment (Alertmanager's update: the silence keeps
   * its id and `createdBy` becomes who changed it). A silence of notifications.json is PRECONDITION (edit that
   * file), one that has ended PRECONDITION (make a new one), an unknown id NOT_FOUND. Resolves once it is on disk.
   */
  async update(id: string, input: NewSilence): Promise<Silence> {
    const old = this.#own(id);
    if (old.endsAt <= this.now()) throw new AppError('PRECONDITION', `silence ${id} has ended: make a new one`);
    this.#check(input);
    const s: Silence = { id, matchers: input.matchers.map((m) => ({ ...m })), startsAt: input.startsAt, endsAt: input.endsAt, createdBy: input.createdBy, comment: input.comment, source: 'app' };
    this.#made = this.#made.map((x) => (x.id === id ? s : x));
    await this.#save();
    return s;
  }

  /** Ends a silence now (Alertmanager expire); NOT_FOUND for an unknown id, PRECONDITION for one of the settings file. */
  async expire(id: string): Promise<Silence> {
    const old = this.#own(id);
    const now = this.now();
    if (old.endsAt <= now) return old;
    // A silence that has not started yet ends before it starts (Alertmanager sets both to now).
    const ended: Silence = { ...old, startsAt: Math.min(old.startsAt, now), endsAt: now };
    this.#made = this.#made.map((s) => (s.id === id ? ended : s));
    await this.#save();
    return ended;
  }

  /** A silence made in the app by id; PRECONDITION for one of the settings file, NOT_FOUND for an unknown id. */
  #own(id: string): Silence {
    if (this.fromSettings.some((s) => s.id === id)) throw new AppError('PRECONDITION', `silence ${id} comes from notifications.json: edit that file to change it`);
    const s = this.#made.find((x) => x.id === id);
    if (s === undefined) throw new AppError('NOT_FOUND', `no silence ${id}`);
    return s;
  }

  #check(input: NewSilence): void {
    if (input.matchers.length === 0) throw new AppError('VALIDATION', 'a silence needs at least one matcher');
    if (!(input.endsAt > input.startsAt)) throw new AppError('VALIDATION', 'a silence must end after it starts');
    if (input.endsAt <= this.now()) throw new AppError('VALIDATION', 'a silence must end in the future');
  }

  #prune(): void {
    const keepAfter = this.now() - SILENCE_RETENTION_MS;
    this.#made = this.#made.filter((s) => s.endsAt > keepAfter);
  }

  #save(): Promise<void> {
    this.#prune();
    return this.file.write(() => ({ silences: this.#made }));
  }
}
