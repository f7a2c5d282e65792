// Progress for survey uploads. The upload page works without JavaScript; where JavaScript runs,
// this sends the same form with XMLHttpRequest so the browser can report how much of the file has
// gone, then shows the server's answer page exactly as a normal submit would.
(function () {
	var forms = document.querySelectorAll('form[data-upload-progress]');
	Array.prototype.forEach.call(forms, function (form) {
		var bar = form.querySelector('progress');
		var status = form.querySelector('[data-upload-status]');
		form.addEventListener('submit', function (event) {
			if (!window.FormData || !window.XMLHttpRequest) return;
			event.preventDefault();
			var xhr = new XMLHttpRequest();
			xhr.open('POST', form.action);
			xhr.setRequestHeader('accept', 'text/html');
			if (bar) {
				bar.hidden = false;
				bar.value = 0;
			}
			xhr.upload.onprogress = function (e) {
				if (!e.lengthComputable) return;
				var percent = Math.round((e.loaded / e.total) * 100);
				if (bar) bar.value = percent;
				if (status)
					status.textContent = (status.getAttribute('data-template') || '{n} %').replace(
						'{n}',
						percent
					);
			};
			xhr.upload.onload = function () {
				if (status) status.textContent = status.getAttribute('data-processing') || '';
			};
			xhr.onload = function () {
				document.open();
				document.write(xhr.responseText);
				document.close();
			};
			xhr.onerror = function () {
				form.submit();
			};
			xhr.send(new FormData(form));
		});
	});
})();
