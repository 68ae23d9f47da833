/**
 * Cisco Server Recovery Manager service parameters (guide L2135-2170, seed-inventory.md 2.5 and 11.2) and the
 * timing the simulator derives from them.
 */
import { AppError } from '../../../base/errors.js';

/** SRM service parameters, in the guide's units. */
export interface SrmParameters {
  /** 服务端口, L2153. Informational: the simulator opens no SRM socket. */
  readonly servicePort: number;
  /** 管理 RPC 端口, L2154. Informational. */
  readonly administrationRpcPort: number;
  /** 关键服务延迟, L2155: seconds a critical service may be down before failover. */
  readonly criticalServiceDownDelaySeconds: number;
  /** 启用自动回退, L2156: when true, users move back 30 minutes after the primary is healthy again. */
  readonly enableAutomaticFallback: boolean;
  /** The "三十分钟" of L2156. Fixed by the guide; a parameter here only so demos can shorten it. */
  readonly automaticFallbackDelaySeconds: number;
  /** 初始化保持连接（心跳）超时, L2157. */
  readonly initializationHeartbeatTimeoutSeconds: number;
  /** 保持连接（心跳）超时, L2158. */
  readonly heartbeatTimeoutSeconds: number;
  /** 保持连接（心跳）间隔, L2160 (unit not stated; seconds implied). */
  readonly heartbeatIntervalSeconds: number;
  /**
   * 启用 XCP 身份验证服务监控, L2161. The guide states no default; it says to set TRUE to enable, so we take
   * false as the default.
   */
  readonly enableXcpAuthenticationServiceMonitoring: boolean;
  /** 客户端重新登录下限, L2165 (per node in the product; one value per group here). */
  readonly clientReloginLowerLimitSeconds: number;
  /** 客户端重新登录上限, L2166 (per node in the product; one value per group here). */
  readonly clientReloginUpperLimitSeconds: number;
  /**
   * Simulator knob, not a Cisco parameter: users per second a node re-creates sessions for while taking over or
   * back. 6/s is the slope of the guide's 15000-user active/standby login profile (Table 102, L12177-12468:
   * upper limit = 120 + users / 6), the OVA of our default profile.
   */
  readonly loginRatePerSecond: number;
  /**
   * Simulator knob: shortest transitional state (Taking Over, Falling Back ...), one heartbeat exchange by default,
   * so that even a group without users shows the transitional state.
   */
  readonly minimumTransitionSeconds: number;
}

/** The guide's defaults (L2153-2166). */
export const DEFAULT_SRM_PARAMETERS: SrmParameters = Object.freeze({
  servicePort: 22001,
  administrationRpcPort: 20075,
  criticalServiceDownDelaySeconds: 90,
  enableAutomaticFallback: false,
  automaticFallbackDelaySeconds: 30 * 60,
  initializationHeartbeatTimeoutSeconds: 120,
  heartbeatTimeoutSeconds: 60,
  heartbeatIntervalSeconds: 15,
  enableXcpAuthenticationServiceMonitoring: false,
  clientReloginLowerLimitSeconds: 120,
  clientReloginUpperLimitSeconds: 537,
  loginRatePerSecond: 6,
  minimumTransitionSeconds: 15,
});

const POSITIVE: ReadonlyArray<keyof SrmParameters> = [
  'criticalServiceDownDelaySeconds',
  'automaticFallbackDelaySeconds',
  'initializationHeartbeatTimeoutSeconds',
  'heartbeatTimeoutSeconds',
  'heartbeatIntervalSeconds',
  'clientReloginLowerLimitSeconds',
  'clientReloginUpperLimitSeconds',
  'loginRatePerSecond',
  'minimumTransitionSeconds',
];

/**
 * Merges `overrides` over the defaults and validates the result.
 * @throws AppError `VALIDATION` naming the field when a value is not a positive number / boolean / port.
 */
export function resolveSrmParameters(overrides: Partial<SrmParameters> = {}): SrmParameters {
  const p: SrmParameters = { ...DEFAULT_SRM_PARAMETERS, ...overrides };
  for (const key of POSITIVE) {
    const v = p[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
      throw new AppError('VALIDATION', `SRM parameter ${key} must be a positive number of seconds, got ${String(v)}`);
    }
  }
  for (const key of ['servicePort', 'administrationRpcPort'] as const) {
    const v = p[key];
    if (!Number.isInteger(v) || v < 1 || v > 65535) throw new AppError('VALIDATION', `SRM parameter ${key} must be a port (1-65535), got ${String(v)}`);
  }
  for (const key of ['enableAutomaticFallback', 'enableXcpAuthenticationServiceMonitoring'] as const) {
    if (typeof p[key] !== 'boolean') throw new AppError('VALIDATION', `SRM parameter ${key} must be true or false, got ${String(p[key])}`);
  }
  if (p.clientReloginLowerLimitSeconds > p.clientReloginUpperLimitSeconds) {
    throw new AppError('VALIDATION', 'SRM parameter clientReloginLowerLimitSeconds must not exceed clientReloginUpperLimitSeconds');
  }
  return Object.freeze(p);
}

/**
 * Factor on SRM timing with Multiple Device Messaging: "故障转移时间通常是使用 Cisco Server Recovery Manager 服务参数
 * 指定的时间的两倍" (L2370). We apply it to the detection delays (critical service down delay, heartbeat and
 * initialization timeouts, which are the "time specified by the parameters") and to the transitional states.
 */
export function mdmFactor(multipleDeviceMessaging: boolean): number {
  return multipleDeviceMessaging ? 2 : 1;
}

/**
 * Duration of a transitional state (Taking Over, Falling Back / Taking Back, auto-recover) in milliseconds.
 *
 * Decision (the guide gives no duration): the state lasts while the receiving node re-creates the sessions of the
 * moving users at `loginRatePerSecond`, but never longer than the Client Re-Login Upper Limit, by which time every
 * client has re-logged in (L12181-12208: the upper limit is about the time all clients need to log in to the
 * backup node), and never shorter than `minimumTransitionSeconds`. Doubled with Multiple Device Messaging (L2370).
 */
export function transitionDurationMs(usersMoving: number, p: SrmParameters, multipleDeviceMessaging: boolean): number {
  const users = Math.max(0, usersMoving);
  const seconds = Math.min(p.clientReloginUpperLimitSeconds, Math.max(p.minimumTransitionSeconds, users / p.loginRatePerSecond));
  return Math.round(seconds * 1000 * mdmFactor(multipleDeviceMessaging));
}
