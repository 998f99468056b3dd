document.getElementById('app')!.textContent='options';
