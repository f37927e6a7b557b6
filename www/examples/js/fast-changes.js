// Sets the commune ten times in a row, as a form with an autocompleting town field would.
export const COMMUNES = ['69123', '75056', '13055', '31555', '06088', '44109', '67482', '34172', '33063', '59350'];

const element = document.getElementById('element');
document.getElementById('change').addEventListener('click', async () => {
  for (const commune of COMMUNES) {
    element.setAttribute('commune', commune);
    await new Promise((resolve) => setTimeout(resolve, 40));
  }
});
