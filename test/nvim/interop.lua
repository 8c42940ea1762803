-- Drives Neovim's built-in LSP client (0.7 and later) against the bundled server, headless. Run by
-- neovim.test.ts: `nvim --headless --clean -c "luafile interop.lua"`, with NAPCAT_NODE,
-- NAPCAT_NODE_OPTIONS, NAPCAT_SERVER_ENV (a JSON object), NAPCAT_SERVER, NAPCAT_CONFIG (a legacy
-- config to open) and NAPCAT_RESULT (where the answers go as JSON). Every step waits on an answer
-- of the server with a deadline; a failure is written to the result as `error`, and Neovim always
-- quits.
local result = { steps = {} }
local DEADLINE = 20000

local function finish()
  local file = io.open(os.getenv('NAPCAT_RESULT'), 'w')
  file:write(vim.fn.json_encode(result))
  file:close()
  vim.cmd('qa!')
end

local function run()
  local config = os.getenv('NAPCAT_CONFIG')
  vim.cmd('edit ' .. vim.fn.fnameescape(config))
  local bufnr = vim.api.nvim_get_current_buf()
  result.filetype = vim.bo[bufnr].filetype

  -- The set-up the README shows for Neovim 0.7 (Debian stable): settings as init_options.settings.
  -- node, the server's Node options and environment (as the README's set-up has them), the server.
  local cmd = { os.getenv('NAPCAT_NODE') }
  vim.list_extend(cmd, vim.split(os.getenv('NAPCAT_NODE_OPTIONS'), ' ', { trimempty = true }))
  vim.list_extend(cmd, { os.getenv('NAPCAT_SERVER'), '--stdio' })
  local client_id = vim.lsp.start_client({
    name = 'napcat',
    cmd = cmd,
    cmd_env = vim.fn.json_decode(os.getenv('NAPCAT_SERVER_ENV')),
    root_dir = vim.fn.fnamemodify(config, ':h'),
    init_options = { settings = { targetVersion = 'latest' } },
  })
  assert(client_id, 'the language server did not start')
  vim.lsp.buf_attach_client(bufnr, client_id)
  local client = vim.lsp.get_client_by_id(client_id)
  assert(vim.wait(DEADLINE, function() return client.initialized end, 50), 'no answer to initialize')
  table.insert(result.steps, 'initialized')

  -- Diagnostics: pushed by the server, as Neovim stores them.
  local function lsp_codes()
    local codes = {}
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      local lsp = d.user_data and d.user_data.lsp or d
      table.insert(codes, lsp.code)
    end
    return codes
  end
  assert(vim.wait(DEADLINE, function() return #vim.diagnostic.get(bufnr) > 0 end, 50), 'no diagnostics')
  result.diagnostics = lsp_codes()
  table.insert(result.steps, 'diagnostics')

  -- Hover on the first key.
  local hover = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = { line = 2, character = 4 },
  }, DEADLINE)
  local answer = hover and hover[client_id]
  assert(answer and answer.result, 'no hover: ' .. vim.inspect(answer and answer.err))
  result.hover = answer.result.contents.value or vim.inspect(answer.result.contents)
  table.insert(result.steps, 'hover')

  -- Document symbols.
  local symbols = vim.lsp.buf_request_sync(bufnr, 'textDocument/documentSymbol', {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
  }, DEADLINE)
  answer = symbols and symbols[client_id]
  assert(answer and answer.result, 'no symbols: ' .. vim.inspect(answer and answer.err))
  result.symbols = {}
  for _, s in ipairs(answer.result) do table.insert(result.symbols, s.name) end
  table.insert(result.steps, 'symbols')

  -- The Rebuild quick fix through vim.lsp.buf.code_action() on the line of the legacy diagnostic:
  -- Neovim sends back the diagnostics of that line as it stored them (null members dropped) and
  -- lets the user choose; the choice is made here by title.
  local legacy
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = d.user_data and d.user_data.lsp or d
    if lsp.code == 'napcat.legacy-config' then legacy = d end
  end
  assert(legacy, 'no napcat.legacy-config diagnostic')
  vim.api.nvim_win_set_cursor(0, { legacy.lnum + 1, legacy.col })
  local offered, chosen = nil, false
  vim.ui.select = function(items, opts, on_choice)
    offered = {}
    local pick
    for _, item in ipairs(items) do
      local title = opts.format_item and opts.format_item(item) or tostring(item)
      table.insert(offered, title)
      if not pick and title:match('Rebuild') then pick = item end
    end
    chosen = true
    on_choice(pick)
  end
  local before = vim.api.nvim_buf_get_changedtick(bufnr)
  vim.lsp.buf.code_action()
  assert(vim.wait(DEADLINE, function() return chosen end, 50), 'no code actions offered')
  result.actions = offered
  assert(vim.wait(DEADLINE, function() return vim.api.nvim_buf_get_changedtick(bufnr) ~= before end, 50), 'the chosen action changed nothing')
  vim.cmd('write')
  table.insert(result.steps, 'rebuilt')

  -- After the rebuild, the server publishes diagnostics without the legacy finding.
  assert(vim.wait(DEADLINE, function()
    for _, code in ipairs(lsp_codes()) do
      if code == 'napcat.legacy-config' then return false end
    end
    return true
  end, 50), 'the legacy diagnostic stays after the rebuild')
  result.after = lsp_codes()
  table.insert(result.steps, 'diagnostics after')

  vim.lsp.stop_client(client_id)
  vim.wait(5000, function() return vim.lsp.client_is_stopped(client_id) end, 50)
end

local ok, err = pcall(run)
if not ok then result.error = tostring(err) end
finish()
