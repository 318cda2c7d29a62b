// Gateway result codes (contract §2). A method refuses by throwing one of these; the gateway turns it into the
// signed `…_response` object.

export const RESULT_MESSAGES: Record<string, string> = {
  '10000': 'Success',
  '20000': 'Service Currently Unavailable',
  '20001': 'Insufficient Token Permissions',
  '40001': 'Missing Required Arguments',
  '40002': 'Invalid Arguments',
  '40004': 'Business Failed',
  '40006': 'Insufficient Permissions',
};

export class GatewayError extends Error {
  constructor(
    readonly code: string,
    readonly subCode: string,
    readonly subMsg: string,
  ) {
    super(`${code} ${subCode}: ${subMsg}`);
    this.name = 'GatewayError';
  }

  get msg(): string {
    return RESULT_MESSAGES[this.code] ?? 'Unknown';
  }
}

/** 40004: a business rule of the method refused. */
export const businessError = (subCode: string, subMsg: string) => new GatewayError('40004', subCode, subMsg);
/** 40001: a common parameter is missing. */
export const missingArgument = (subCode: string, subMsg: string) => new GatewayError('40001', subCode, subMsg);
/** 40002: a parameter is malformed. */
export const invalidArgument = (subCode: string, subMsg: string) => new GatewayError('40002', subCode, subMsg);
/** 20001: the merchant token is missing, unknown, replaced or cancelled. */
export const tokenError = (subCode: string, subMsg: string) => new GatewayError('20001', subCode, subMsg);
/** 20000: a platform fault. */
export const systemError = (subCode: string, subMsg: string) => new GatewayError('20000', subCode, subMsg);

export const invalidParameter = (field: string, why = '不能为空') => invalidArgument('isv.invalid-parameter', `参数 ${field} ${why}`);
