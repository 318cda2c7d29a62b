import { z } from 'zod';
import { ROLES } from '@/lib/auth/roles';

// bcrypt reads only the first 72 bytes of a password: anything after them would be silently ignored, so a longer
// password is refused rather than truncated.
export const BCRYPT_MAX_BYTES = 72;
const fitsBcrypt = (p: string) => new TextEncoder().encode(p).length <= BCRYPT_MAX_BYTES;

// Messages are catalog keys: the browser form and the server action translate them the same way.
export const signInSchema = z.object({
  email: z.string().trim().min(1, 'validation.required').max(254, 'validation.tooLong').pipe(z.email('validation.email')),
  password: z.string().min(1, 'validation.required').max(200, 'validation.tooLong').refine(fitsBcrypt, 'validation.passwordTooLong'),
});
export type SignInInput = z.infer<typeof signInSchema>;

export const passwordSchema = z
  .string()
  .min(10, 'validation.passwordTooShort')
  .max(200, 'validation.tooLong')
  .refine(fitsBcrypt, 'validation.passwordTooLong')
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), 'validation.passwordWeak');

export const newStaffSchema = z.object({
  email: z.string().trim().min(1, 'validation.required').pipe(z.email('validation.email')),
  name: z.string().trim().min(1, 'validation.required').max(50, 'validation.tooLong'),
  role: z.enum(ROLES, 'validation.role'),
  password: passwordSchema,
});
export type NewStaffInput = z.infer<typeof newStaffSchema>;

export const staffIdSchema = z.object({ userId: z.coerce.number().int().positive() });

export const changeRoleSchema = staffIdSchema.extend({ role: z.enum(ROLES, 'validation.role') });
export const setDisabledSchema = staffIdSchema.extend({ disabled: z.boolean() });
export const resetPasswordSchema = staffIdSchema.extend({ password: passwordSchema });
