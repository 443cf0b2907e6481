// Shared hand-computed scenarios.
import { Chat } from './builders.js';

export const SH = 'Asia/Shanghai';
export const A = 's1:小美';
export const B = 's1:小王';

/** The main day: bots mid-run, a transfer, an order before the chat, a reminder by another agent. */
export function mainDay(): Chat {
  const c = new Chat(SH);
  // b1 with A: runs 42 s, 90 s (slow), then an unanswered question.
  c.say('buyer', A, 'b1', '2026-11-11 10:00:00');
  c.say('bot', A, 'b1', '2026-11-11 10:00:10'); // auto-reply: does not close the run
  c.say('buyer', A, 'b1', '2026-11-11 10:00:20'); // run already open
  c.say('agent', A, 'b1', '2026-11-11 10:00:42'); // 42 s
  c.say('buyer', A, 'b1', '2026-11-11 10:05:00');
  c.say('agent', A, 'b1', '2026-11-11 10:06:30'); // 90 s > 60 s: slow
  c.say('agent', A, 'b1', '2026-11-11 10:07:00');
  c.order('o1', 'b1', '2026-11-11 10:08:00', '2026-11-11 10:09:00', 12345); // credited to A (10:07)
  c.say('buyer', A, 'b1', '2026-11-11 10:10:00'); // left unanswered
  // b2: A answers in 5 s and transfers to B; B answers in 30 s; order credited to B; A reminds.
  c.say('buyer', A, 'b2', '2026-11-11 11:00:00');
  c.say('agent', A, 'b2', '2026-11-11 11:00:05');
  c.say('system', B, 'b2', '2026-11-11 11:00:06');
  c.say('buyer', B, 'b2', '2026-11-11 11:01:00');
  c.say('agent', B, 'b2', '2026-11-11 11:01:30');
  c.say('agent', B, 'b2', '2026-11-11 11:02:00');
  c.order('o2', 'b2', '2026-11-11 11:03:00', '2026-11-11 11:20:00', 5000); // credited to B (11:02)
  c.say('agent', A, 'b2', '2026-11-11 11:10:00'); // reminder for o2, by A
  // b3: order (paid at once, silent) at 09:00, then asks about shipping: not an inquiry.
  c.order('o3', 'b3', '2026-11-11 09:00:00', '2026-11-11 09:00:00', 8800);
  c.say('buyer', A, 'b3', '2026-11-11 12:00:00');
  c.say('agent', A, 'b3', '2026-11-11 12:00:50'); // 50 s
  // b4: only a bot answered: consulted, not received, one unanswered question.
  c.say('buyer', A, 'b4', '2026-11-11 13:00:00');
  c.say('bot', A, 'b4', '2026-11-11 13:00:01');
  return c;
}
