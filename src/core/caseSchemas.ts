/**
 * Valibot schemas for the reads of case handling (users, notes, history, case
 * write results), re-exported by `./schemas`. Text fields are capped so a
 * hostile backend cannot hand the UI a megabyte "name".
 */
import * as v from 'valibot';
import type { CaseWriteResult, HistoryPage, NotePage, UserPage } from './adapter/caseParams';
import { MAX_NOTE_LENGTH, MAX_REASON_CHOICE_LENGTH, MAX_REASON_TEXT_LENGTH, MAX_USER_ID_LENGTH, type HistoryEntry, type Note, type User } from './cases';
import { ACTIVITY_STATUSES } from './model';
import { count, pageOf, timestamp } from './schemaParts';

const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const userId = text(MAX_USER_ID_LENGTH);

export const userSchema = v.object({ id: userId, name: text(512), email: v.optional(text(512)), deleted: v.optional(v.boolean()) });
export const userPageSchema = pageOf(userSchema);

export const statusReasonSchema = v.object({ choice: v.optional(text(MAX_REASON_CHOICE_LENGTH)), text: v.optional(text(MAX_REASON_TEXT_LENGTH)) });

export const noteSchema = v.object({ id: v.string(), activityId: v.string(), authorId: userId, text: text(MAX_NOTE_LENGTH), createdAt: timestamp });
export const notePageSchema = pageOf(noteSchema);

const base = { id: v.string(), activityId: v.string(), who: userId, when: timestamp };
export const historyEntrySchema = v.variant('kind', [
  v.object({ ...base, kind: v.literal('status'), from: v.picklist(ACTIVITY_STATUSES), to: v.picklist(ACTIVITY_STATUSES), reason: v.optional(statusReasonSchema) }),
  v.object({ ...base, kind: v.literal('rule'), action: v.picklist(['created', 'deleted']), ruleId: v.string(), reason: v.optional(v.string()) }),
  v.object({ ...base, kind: v.literal('block'), action: v.picklist(['blocked', 'unblocked']), blockId: v.string(), target: v.string() }),
  v.object({ ...base, kind: v.literal('workItem'), targetId: v.string(), key: v.string(), url: v.string() }),
  v.object({ ...base, kind: v.literal('assignment'), from: v.nullable(userId), to: v.nullable(userId) }),
  v.object({ ...base, kind: v.literal('note'), noteId: v.string(), text: text(MAX_NOTE_LENGTH) }),
]);
export const historyPageSchema = pageOf(historyEntrySchema);

export const caseWriteResultSchema = v.object({ affected: count });

// Compile-time proof that each schema yields its model type.
type Expect<T extends true> = T;
type Yields<S extends v.GenericSchema, T> = [v.InferOutput<S>] extends [T] ? true : false;
export type CaseSchemaChecks = [
  Expect<Yields<typeof userSchema, User>>,
  Expect<Yields<typeof userPageSchema, UserPage>>,
  Expect<Yields<typeof noteSchema, Note>>,
  Expect<Yields<typeof notePageSchema, NotePage>>,
  Expect<Yields<typeof historyEntrySchema, HistoryEntry>>,
  Expect<Yields<typeof historyPageSchema, HistoryPage>>,
  Expect<Yields<typeof caseWriteResultSchema, CaseWriteResult>>,
];
