(define x 1)
(let ((y)) (if))
