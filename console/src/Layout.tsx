import { useRef } from 'react';
import { NavLink, Outlet } from 'react-router';
import { useConnect, useConnection, useConnectors, useDisconnect } from 'wagmi';
import { useConclave } from './conclave';
import { int, short } from './format';
import { useLive } from './live';
import { describeError } from './ui';

const NAV = [
  ['/', 'Overview'],
  ['/agents', 'Agents'],
  ['/proposals', 'Proposals'],
  ['/tools', 'Tools'],
  ['/slashes', 'Slashes'],
  ['/rewards', 'Rewards'],
  ['/guardian', 'Guardian'],
  ['/settings', 'Settings'],
] as const;

export function Layout() {
  return (
    <div className="shell">
      <aside className="sidebar">
        <div className="brand">
          <span className="brand-mark">◆</span> Conclave
        </div>
        <nav>
          {NAV.map(([to, label]) => (
            <NavLink key={to} to={to} end={to === '/'} className={({ isActive }) => (isActive ? 'active' : '')}>
              {label}
            </NavLink>
          ))}
        </nav>
        <NetworkStatus />
      </aside>
      <div className="main">
        <header className="topbar">
          <Wallet />
        </header>
        <main className="content">
          <Outlet />
        </main>
      </div>
    </div>
  );
}

function NetworkStatus() {
  const { config } = useConclave();
  const { head, indexed, indexerDown } = useLive();
  const behind = head !== undefined && indexed !== undefined && BigInt(indexed) < head;
  return (
    <div className="network" data-testid="network">
      <div>
        <span className="muted">Chain</span> {config.chainId}
        {config.source === 'devnet' && <span className="dim"> · devnet</span>}
      </div>
      <div>
        <span className="muted">Block</span> <span data-testid="head-block">{head === undefined ? '…' : int(head)}</span>
      </div>
      <div>
        <span className="muted">Indexer</span>{' '}
        {indexerDown ? (
          <span className="bad-text">not answering</span>
        ) : indexed === undefined ? (
          '…'
        ) : (
          <span data-testid="indexed-block">
            {int(indexed)}
            {behind ? ' (catching up)' : ' ✓'}
          </span>
        )}
      </div>
    </div>
  );
}

/** The connected account, or a menu of the dev wallet's demo accounts and an injected wallet. */
function Wallet() {
  const { config } = useConclave();
  const connection = useConnection();
  const connectors = useConnectors();
  const { connect, error, isPending } = useConnect();
  const { disconnect } = useDisconnect();
  // A popover: the browser closes it on a click outside or Escape.
  const menu = useRef<HTMLDivElement>(null);
  const choose = (action: () => void) => () => {
    menu.current?.hidePopover();
    action();
  };
  const current = connection.connector;
  const label = (id: string) => config.devAccounts.find((a) => `dev-${a.index}` === id)?.label;

  return (
    <div className="wallet">
      {connection.address && (
        <span className="wallet-current" data-testid="wallet-address">
          <span className="dot" /> {current?.type === 'devAccount' ? `${current.name} · ` : ''}
          <span className="mono">{short(connection.address)}</span>
          {current && label(current.id) && <span className="muted"> · {label(current.id)}</span>}
        </span>
      )}
      <div className="menu">
        <button type="button" className="button secondary" popoverTarget="wallet-menu" data-testid="wallet-button">
          {connection.address ? 'Switch account' : isPending ? 'Connecting…' : 'Connect wallet'}
        </button>
        <div className="menu-list" role="menu" id="wallet-menu" popover="auto" ref={menu}>
          {config.devAccounts.length > 0 && <div className="menu-title">Dev wallet (anvil test keys, this devnet only)</div>}
          {connectors.map((c) => (
            <button
              type="button"
              key={c.uid}
              role="menuitem"
              className={current?.uid === c.uid ? 'selected' : ''}
              onClick={choose(() => connect({ connector: c }))}
            >
              <strong>{c.type === 'devAccount' ? c.name : c.name === 'Injected' ? 'Browser wallet' : c.name}</strong>
              <span className="muted">{label(c.id) ?? (c.type === 'injected' ? 'an extension such as MetaMask' : '')}</span>
            </button>
          ))}
          {connection.address && (
            <button type="button" role="menuitem" onClick={choose(() => disconnect())}>
              <strong>Disconnect</strong>
            </button>
          )}
        </div>
      </div>
      {error && <span className="bad-text">{describeError(error).message}</span>}
    </div>
  );
}
