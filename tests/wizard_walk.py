"""Walking a wizard as a browser does, whichever way it carries its state (hidden field or post/redirect/get)."""

import re


def answer(client, page, step, fields):
    """Submit the wizard's form on this page as a browser would: its hidden fields plus the answers, to the
    page's own address, following any redirect (the wizards use post/redirect/get or render in place)."""
    html = page.content.decode()
    form = html[html.index('<form method="post"') :]
    form = form[: form.index("</form>")]
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
    hidden.pop("wizard_to_check", None)
    url = page.wsgi_request.get_full_path()
    response = client.post(url, {**hidden, "wizard_step": hidden.get("wizard_step", step), **fields}, follow=True)
    assert response.status_code == 200, response.status_code
    return response


def value_of(response, name: str) -> str:
    """The value attribute of the input called name on the page, as the browser would show it (HTML-escaped)."""
    match = re.search(rf'<input[^>]*name="{name}"[^>]*>', response.content.decode())
    assert match, f"no input {name}"
    value = re.search(r'value="([^"]*)"', match.group(0))
    return value.group(1) if value else ""
