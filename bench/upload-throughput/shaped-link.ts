/**
 * A slower uplink for one benchmark pass: traffic from this machine to one TCP port on loopback
 * (the S3's) goes through an HTB class at `mbit` megabits per second, and everything else stays
 * as it was, so the upload — not the CPU — is the bottleneck, as it is for a browser on a real
 * network. Needs root and `tc` (iproute2); without them the pass is skipped and the reason reported.
 *
 *   an HTB qdisc at the root of `lo` whose default class does not exist, so unmatched packets take
 *   its direct queue unshaped → one class at the rate → a u32 filter sends packets for the port
 *   there. (This VM's kernel has HTB and TBF but no prio qdisc.)
 */
import { execFileSync } from 'node:child_process';

export interface ShapedLink {
  /** Removes the shaping (safe to call twice). */
  remove(): void;
}

const tc = (command: string): void => {
  execFileSync('tc', command.split(' '), { stdio: ['ignore', 'ignore', 'pipe'] });
};

/** Shapes traffic to `port` on loopback to `mbit`; throws (with tc's message) when it cannot. */
export function shapeLoopbackPort(port: number, mbit: number): ShapedLink {
  if (process.getuid?.() !== 0) throw new Error('shaping the link needs root (tc on lo)');
  tc('qdisc add dev lo root handle 1: htb default ffff');
  let removed = false;
  const remove = (): void => {
    if (removed) return;
    removed = true;
    tc('qdisc del dev lo root');
  };
  try {
    // quantum: at least one 64 KiB loopback packet.
    tc(`class add dev lo parent 1: classid 1:1 htb rate ${mbit}mbit ceil ${mbit}mbit quantum 65536`);
    tc(`filter add dev lo parent 1: protocol ip prio 1 u32 match ip dport ${port} 0xffff flowid 1:1`);
  } catch (error) {
    remove();
    throw error;
  }
  return { remove };
}
