// Merchant rules: unique names and mobiles, archive instead of delete while mini-programs are authorized.
import type { Db } from '@/db';
import type { Merchant } from '@/db/schema';
import { ActionError } from '@/lib/actions/result';
import { deleteMerchant, findDuplicate, findMerchant, hasAuthorizedApps, insertMerchant, updateMerchant } from '@/lib/merchants/data';
import type { MerchantValues } from '@/lib/validation/merchants';

const blankToNull = (v: string) => (v === '' ? null : v);

function columns(input: MerchantValues) {
  return {
    name: input.name,
    contactName: input.contactName,
    mobile: input.mobile,
    email: blankToNull(input.email),
    industry: input.industry,
    address: blankToNull(input.address),
    remarks: blankToNull(input.remarks),
  };
}

function refuseDuplicates(db: Db, input: MerchantValues, exceptId?: number): void {
  const dup = findDuplicate(db, input, exceptId);
  if (!dup) return;
  const archived = dup.merchant.archivedAt !== null;
  const key = dup.field === 'name' ? (archived ? 'nameTakenArchived' : 'nameTaken') : archived ? 'mobileTakenArchived' : 'mobileTaken';
  throw new ActionError(`merchants.errors.${key}`, { field: dup.field });
}

export function mustFindMerchant(db: Db, id: number): Merchant {
  const merchant = findMerchant(db, id);
  if (!merchant) throw new ActionError('merchants.notFound');
  return merchant;
}

export function createMerchant(db: Db, input: MerchantValues, createdById: number | null): Merchant {
  // Check and insert in one write transaction so that two people adding the same merchant cannot both succeed.
  return db.transaction(
    () => {
      refuseDuplicates(db, input);
      return insertMerchant(db, { ...columns(input), createdById });
    },
    { behavior: 'immediate' },
  );
}

export function editMerchant(db: Db, id: number, input: MerchantValues): Merchant {
  return db.transaction(
    () => {
      const merchant = mustFindMerchant(db, id);
      if (merchant.archivedAt) throw new ActionError('merchants.archivedBlocked');
      refuseDuplicates(db, input, id);
      return updateMerchant(db, id, columns(input))!;
    },
    { behavior: 'immediate' },
  );
}

export function archiveMerchant(db: Db, id: number): Merchant {
  const merchant = mustFindMerchant(db, id);
  if (merchant.archivedAt) return merchant;
  return updateMerchant(db, id, { archivedAt: new Date() })!;
}

export function restoreMerchant(db: Db, id: number): Merchant {
  const merchant = mustFindMerchant(db, id);
  if (!merchant.archivedAt) return merchant;
  return updateMerchant(db, id, { archivedAt: null })!;
}

/** Only a merchant without authorized mini-programs can be deleted (with its links and ended authorizations). */
export function removeMerchant(db: Db, id: number): void {
  db.transaction(
    () => {
      mustFindMerchant(db, id);
      if (hasAuthorizedApps(db, id)) throw new ActionError('merchants.errors.deleteBlocked');
      deleteMerchant(db, id);
    },
    { behavior: 'immediate' },
  );
}
