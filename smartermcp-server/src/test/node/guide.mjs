// The guide every real client walks in the tests (TypeScriptClientGuideIT's Java side checks it):
// list the tools and call one, list and read the documentation resources, list and get a prompt,
// then call a destructive tool twice, the user answering its confirmation with accept, then decline.
// Works on the 1.x and the 2.x SDK client alike (the same method names).

/** The user: answers each confirmation with the next of `actions` (then cancel), noting its message. */
export function user(actions = ['accept', 'decline']) {
  const answers = [...actions];
  const asked = [];
  const answer = async (request) => {
    asked.push(request.params.message);
    const action = answers.shift() ?? 'cancel';
    return action === 'accept' ? { action, content: { confirm: true } } : { action };
  };
  return { asked, answer };
}

const outcome = (result) => ({ isError: result.isError === true, error: result.structuredContent?.error ?? null });

/** Walks the guide on a connected client; `asked` is the user's list of confirmation messages. */
export async function walkGuide(client, asked) {
  const { tools } = await client.listTools();
  const call = await client.callTool({ name: 'workflows_list', arguments: {} });
  const { resources } = await client.listResources();
  const { resourceTemplates } = await client.listResourceTemplates();
  const resource = await client.readResource({ uri: 'smartermcp://docs/services/n8n' });
  const { prompts } = await client.listPrompts();
  const prompt = await client.getPrompt({ name: 'check_and_restart_service', arguments: { service_id: 'n8n' } });
  const upsert = { name: 'crm_contacts_upsert', arguments: { contact: { name: 'Ana Pérez' }, id: 42 } };
  const accepted = await client.callTool(upsert);
  const declined = await client.callTool(upsert);
  return {
    tools: tools.map((t) => t.name),
    call: outcome(call),
    resources: resources.map((r) => r.uri),
    templates: resourceTemplates.map((t) => t.uriTemplate),
    resource: { uri: resource.contents[0].uri, mimeType: resource.contents[0].mimeType, json: JSON.parse(resource.contents[0].text) },
    prompts: prompts.map((p) => p.name),
    prompt: prompt.messages[0].content.text,
    asked,
    accepted: outcome(accepted),
    declined: { ...outcome(declined), text: declined.content?.[0]?.text },
  };
}
