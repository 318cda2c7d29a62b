// Merchant and mini-program vocabularies: the database's enums and what the pages filter and label by.
export const INDUSTRIES = ['catering', 'retail', 'life', 'beauty', 'education', 'health', 'travel', 'auto', 'tools', 'other'] as const;
export type Industry = (typeof INDUSTRIES)[number];

/** Denormalised from the merchant's mini-programs so that the list can filter and index on it. */
export const MERCHANT_AUTH_STATUSES = ['unauthorized', 'authorized', 'cancelled'] as const;
export type MerchantAuthStatus = (typeof MERCHANT_AUTH_STATUSES)[number];

export const MINI_APP_STATUSES = ['authorized', 'cancelled', 'invalid'] as const;
export type MiniAppStatus = (typeof MINI_APP_STATUSES)[number];
