'use server';
import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/actions/define-action';
import { changeRole, createStaff, resetPassword, setDisabled } from '@/lib/staff/service';
import { changeRoleSchema, newStaffSchema, resetPasswordSchema, setDisabledSchema } from '@/lib/validation/auth';

export const addStaff = defineAction({
  name: 'staff.create',
  role: 'owner',
  schema: newStaffSchema,
  run: async (input, { db }) => {
    const user = await createStaff(db, input);
    revalidatePath('/staff');
    return { id: user.id, email: user.email };
  },
  target: (_input, user) => (user ? { type: 'user', id: user.id } : undefined),
});

export const changeStaffRole = defineAction({
  name: 'staff.changeRole',
  role: 'owner',
  schema: changeRoleSchema,
  target: (i) => ({ type: 'user', id: i.userId }),
  run: async (input, { db }) => {
    changeRole(db, input.userId, input.role);
    revalidatePath('/staff');
    return undefined;
  },
});

export const setStaffDisabled = defineAction({
  name: 'staff.setDisabled',
  role: 'owner',
  schema: setDisabledSchema,
  target: (i) => ({ type: 'user', id: i.userId }),
  run: async (input, { db, user }) => {
    setDisabled(db, user, input.userId, input.disabled);
    revalidatePath('/staff');
    return undefined;
  },
});

export const resetStaffPassword = defineAction({
  name: 'staff.resetPassword',
  role: 'owner',
  schema: resetPasswordSchema,
  target: (i) => ({ type: 'user', id: i.userId }),
  run: async (input, { db }) => {
    await resetPassword(db, input.userId, input.password);
    revalidatePath('/staff');
    return undefined;
  },
});

// 'use server' modules may export only async functions.
