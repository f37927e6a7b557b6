// Takes the widget out of the page and puts it back, as a single-page application's router would.
const slot = document.getElementById('slot');
const element = document.getElementById('element');

document.getElementById('remove').addEventListener('click', () => element.remove());
document.getElementById('reinsert').addEventListener('click', () => slot.append(element));
const status = document.getElementById('status');
document.getElementById('churn').addEventListener('click', async () => {
  status.value = 'churning';
  for (let round = 0; round < 50; round += 1) {
    slot.append(element);
    await new Promise((resolve) => setTimeout(resolve, 5));
    element.remove();
  }
  slot.append(element);
  status.value = 'done';
});
