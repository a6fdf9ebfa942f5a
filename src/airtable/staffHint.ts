/** What staff should do about a failed entry, from the error the sync recorded. */
export function staffHint(error: string): string {
  if (error.startsWith('INVALID_RECORD')) return 'The stored need does not match the need record: a bug; tell the developers.';
  if (/UNKNOWN_FIELD_NAME/.test(error)) {
    return 'A field was renamed or deleted in Airtable: give it back its name (see the message), or run `npm run airtable:setup` to recreate it.';
  }
  if (/INVALID_MULTIPLE_CHOICE_OPTIONS|INVALID_SELECT/.test(error)) {
    return 'A select option is missing and could not be created: add it to the field in Airtable, or run `npm run airtable:setup`.';
  }
  if (/INVALID_VALUE_FOR_COLUMN|CANNOT_ACCEPT|INVALID_FIELD_TYPE/.test(error)) {
    return "A field's type was changed in Airtable: run `npm run airtable:setup` to see which, and change it back.";
  }
  if (/ROW_DOES_NOT_EXIST|INVALID_RECORD_ID|RECORD_NOT_FOUND/.test(error)) {
    return 'A linked structure was deleted while the need was sent: the next sync recreates it.';
  }
  if (/merge|more than one|multiple records/i.test(error)) {
    return 'Several rows share the same key (Référence, RNA, SIREN or Clé): merge or delete the duplicates in Airtable.';
  }
  return 'Read the Airtable message, fix the base, then run `npm run needs:sync` (failed needs are retried automatically too).';
}
