// alipay-sdk for tests and e2e helpers that call the gateway directly, sending Beijing time as the console does.
import { AlipaySdk } from 'alipay-sdk';
import { formatBeijing } from '../protocol/time';

/**
 * alipay-sdk sending Beijing time as the console does (contract §2): the SDK's own timestamp is the process's local
 * time, which the gateway refuses when tests run with TZ=UTC. A `timestamp` given by the test wins.
 */
export class BeijingTimeAlipaySdk extends AlipaySdk {
  override exec(...[method, params = {}, options = {}]: Parameters<AlipaySdk['exec']>): ReturnType<AlipaySdk['exec']> {
    const timestamp = formatBeijing(Date.now());
    if (options.formData) {
      const named = options.formData.getFields().some((f) => f.name === 'timestamp');
      if (!named) options.formData.addField('timestamp', timestamp);
      return super.exec(method, params, options);
    }
    return super.exec(method, { timestamp, ...params }, options);
  }
}

