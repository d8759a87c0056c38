import { HubConnectionBuilder, HubConnectionState, LogLevel } from '@microsoft/signalr';
import { token } from './session.js';

/**
 * A SignalR connection to one of our hubs, signed in with the page's token (sent as ?access_token=,
 * since browsers cannot set headers on WebSockets), reconnecting by itself. onStatus gets
 * 'connected' | 'reconnecting' | 'disconnected' | 'unavailable'.
 */
export function connectHub(path, { onStatus = () => {}, anonymous = false, onReconnected = null } = {}) {
  const builder = new HubConnectionBuilder()
    .withUrl(path, anonymous ? {} : { accessTokenFactory: () => token() ?? '' })
    .withAutomaticReconnect([0, 1000, 2000, 5000, 10000, 10000, 30000])
    .configureLogging(LogLevel.Warning);
  const connection = builder.build();
  connection.onreconnecting(() => onStatus('reconnecting'));
  connection.onreconnected(async () => {
    onStatus('connected');
    if (onReconnected) await onReconnected();
  });
  connection.onclose(() => onStatus('disconnected'));
  const started = connection.start().then(
    () => {
      onStatus('connected');
      return true;
    },
    (error) => {
      onStatus(/404|Not Found/i.test(String(error)) ? 'unavailable' : 'disconnected');
      return false;
    },
  );
  return { connection, started, isConnected: () => connection.state === HubConnectionState.Connected };
}
