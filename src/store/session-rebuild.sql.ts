// Recomputes the sessions touched by an import from their messages. Runs unchanged on SQLite and
// PostgreSQL: both resolve the unqualified temp table `import_touched` to the connection's own.
// `WHERE 1 = 1` keeps SQLite's parser from reading ON CONFLICT as a join constraint.
export const REBUILD_SESSIONS_SQL = `
INSERT INTO sessions (shop, id, agent, buyer, day, first_at, last_at, message_count,
                      buyer_messages, agent_messages, bot_messages, revision)
SELECT m.shop, m.session_id, MIN(m.agent), MIN(m.buyer), MIN(m.day), MIN(m.at), MAX(m.at), COUNT(*),
       SUM(CASE WHEN m.sender = 'buyer' THEN 1 ELSE 0 END),
       SUM(CASE WHEN m.sender = 'agent' THEN 1 ELSE 0 END),
       SUM(CASE WHEN m.sender = 'bot' THEN 1 ELSE 0 END),
       1
FROM import_touched t
JOIN messages m ON m.shop = t.shop AND m.session_id = t.id
WHERE 1 = 1
GROUP BY m.shop, m.session_id
ON CONFLICT (shop, id) DO UPDATE SET
  first_at = excluded.first_at, last_at = excluded.last_at, message_count = excluded.message_count,
  buyer_messages = excluded.buyer_messages, agent_messages = excluded.agent_messages,
  bot_messages = excluded.bot_messages, revision = sessions.revision + 1
`;
