import bcrypt from 'bcryptjs';

const COST = 11;

export const hashPassword = (plain: string) => bcrypt.hash(plain, COST);
export const verifyPassword = (plain: string, hash: string) => bcrypt.compare(plain, hash);

// Compared against when the email is unknown, so the response time does not reveal which accounts exist.
export const DUMMY_HASH = '$2b$11$C6UzMDM.H6dfI/f/IKxGhu8Yt3o3c8tdXyY0Zx8Gm1YH4b4c8Tt6S';
