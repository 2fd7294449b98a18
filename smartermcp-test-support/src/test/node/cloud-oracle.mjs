// Drives the Botpress test double with the official Botpress Cloud client (@botpress/client, MIT):
// if the official client cannot use the double, the double is wrong.
// Usage: node cloud-oracle.mjs <apiUrl> <token> <workspaceId> <botId> <otherToken> <foreignBotId>
// Prints one JSON object with what the client got.
import { Client, isApiError } from '@botpress/client'

const [apiUrl, token, workspaceId, botId, otherToken, foreignBotId] = process.argv.slice(2)
const retry = { retries: 0 }
const admin = new Client({ apiUrl, token, workspaceId, retry, timeout: 10000 })
const chat = new Client({ apiUrl, token, workspaceId, botId, retry, timeout: 10000 })
const out = {}

// listBots, one page and then every page through the client's own paginator
const first = await admin.listBots({ pageSize: 2 })
out.firstPage = { ids: first.bots.map((b) => b.id), nextToken: first.meta.nextToken ?? null }
out.allBots = (await admin.list.bots({}).collect()).map((b) => ({ id: b.id, name: b.name, deployedAt: b.deployedAt ?? null }))

// listConversations with x-bot-id, newest activity first, and every page through the paginator
const page = await chat.listConversations({ sortField: 'updatedAt', sortDirection: 'desc', pageSize: 10 })
out.conversationPage = page.conversations.map((c) => ({ id: c.id, updatedAt: c.updatedAt, messageCount: c.messageCount, integration: c.integration }))
out.conversationNext = page.meta.nextToken ?? null
out.allConversations = (await chat.list.conversations({ sortField: 'updatedAt', sortDirection: 'desc', pageSize: 10 }).collect()).length
const firstConversation = page.conversations[0].id
out.messages = (await chat.listMessages({ conversationId: firstConversation })).messages.map((m) => ({ id: m.id, direction: m.direction, text: m.payload.text }))
out.participants = (await chat.listParticipants({ id: firstConversation })).participants.map((p) => p.id)

// getBotAnalytics: both dates are required
const end = new Date()
const start = new Date(end.getTime() - 6 * 24 * 3600 * 1000)
const analytics = await admin.getBotAnalytics({ id: botId, startDate: start.toISOString(), endDate: end.toISOString() })
out.analytics = { records: analytics.records.length, sessions: analytics.records.reduce((s, r) => s + r.sessions, 0) }

// listBotVersions, then deployBotVersion
const versions = (await admin.listBotVersions({ id: botId })).versions
out.versions = versions.map((v) => v.id)
out.deploy = await admin.deployBotVersion({ id: botId, versionId: versions[versions.length - 1].id })
out.deployedAt = (await admin.getBot({ id: botId })).bot.deployedAt ?? null

// errors come back as the client's typed errors
async function errorOf(call) {
  try {
    await call()
    return null
  } catch (thrown) {
    return isApiError(thrown) ? { type: thrown.type, code: thrown.code, message: thrown.message } : { raw: String(thrown) }
  }
}
out.badToken = await errorOf(() => new Client({ apiUrl, token: 'bp_pat_wrong', workspaceId, retry }).listBots({}))
out.foreignBot = await errorOf(() => admin.getBotAnalytics({ id: foreignBotId, startDate: start.toISOString(), endDate: end.toISOString() }))
out.foreignWorkspace = await errorOf(() => new Client({ apiUrl, token: otherToken, workspaceId, retry }).listBots({}))
out.missingVersion = await errorOf(() => admin.deployBotVersion({ id: botId, versionId: 'ver_missing' }))

console.log(JSON.stringify(out))
