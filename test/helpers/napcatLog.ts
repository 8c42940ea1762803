/**
 * Lines of NapCat's own log, as NapCat writes them (facts §8), for the tests that follow a log:
 * its start with the network summary of an HTTP server on 0.0.0.0:3000 and two reverse WebSocket
 * clients (the first started, the second not), and the error line of a refused connection.
 */

export type Eol = '\n' | '\r\n';

export interface StartLog {
  /** The started reverse WebSocket client's URL, as NapCat prints it. */
  readonly started: string;
  /** The reverse WebSocket client that did not start. */
  readonly notStarted: string;
  /** NapCat on Windows writes CRLF. */
  readonly eol: Eol;
  /** The config file NapCat names after the summary, when given. */
  readonly configFile?: string;
}

/** NapCat's start, ending with a line break. */
export function napcatStartLog(log: StartLog): string {
  return [
    '01-02 09:12:00 [info] [NapCat] [Core] NapCat.Framework 启动中',
    '01-02 09:12:03 [info] 小猫 | [network] 配置加载',
    'HTTP服务: 0.0.0.0:3000, : 已启动',
    `WebSocket反向服务: ${log.started}, : 已启动`,
    `WebSocket反向服务: ${log.notStarted}, : 未启动`,
    ...(log.configFile !== undefined ? [`01-02 09:12:04 [info] 小猫 | [NapCat] [Core] 配置文件: ${log.configFile}`] : []),
    '',
  ].join(log.eol);
}

/** The line NapCat logs at `time` (hh:mm:ss) when the reverse WebSocket client of `url` is refused on 127.0.0.1:8080. */
export function refusedLine(time: string, url: string, eol: Eol): string {
  return `01-02 ${time} [error] 小猫 | [OneBot] [WebSocket Client] 反向WebSocket (${url}) 连接错误 Error: connect ECONNREFUSED 127.0.0.1:8080${eol}`;
}
