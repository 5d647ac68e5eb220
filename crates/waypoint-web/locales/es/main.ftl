# Waypoint, español.

## Layout
skip-to-content = Saltar al contenido principal
nav-label = Principal
nav-home = Inicio
nav-admin = Administración
nav-account = Mi cuenta
nav-sign-out = Cerrar sesión
signed-in-as = Sesión iniciada como { $name }
language = Idioma:
footer-privacy = Waypoint guarda tu información en el servidor de tu escuela. No se comparte nada con anunciantes ni con servicios externos.

## Errors
error-go-home = Ir a tu página de inicio
error-bad-request-title = Hay un problema con esa solicitud
error-bad-request = No se pudo leer la dirección o el formulario. Regresa e inténtalo de nuevo.
error-forbidden-title = No tienes acceso
error-forbidden = Tu cuenta no tiene permiso para ver o cambiar esto.
error-not-found-title = Página no encontrada
error-not-found = No hay nada en esta dirección. Revisa el enlace o regresa a tu página de inicio.
error-too-large-title = Demasiados datos
error-too-large = Lo que enviaste es más grande de lo que Waypoint acepta.
error-invalid-title = Revisa tus respuestas
error-invalid = Parte de lo que escribiste no se pudo usar.
error-throttled-title = Demasiados intentos
error-throttled = Demasiados intentos fallidos de inicio de sesión. Espera 15 minutos e inténtalo de nuevo, o pide ayuda a un adulto de tu escuela.
error-unavailable-title = Waypoint está ocupado
error-unavailable = Waypoint no puede comunicarse con su base de datos en este momento. Inténtalo de nuevo en un minuto.
error-internal-title = Algo salió mal
error-internal = Waypoint tuvo un problema. Quedó registrado; inténtalo de nuevo.
error-csrf-title = Este formulario caducó
error-csrf = Por tu seguridad, Waypoint no pudo aceptar este formulario. Vuelve a cargar la página e inténtalo de nuevo.
form-has-errors = Hay un problema
error-required = Completa este campo.
error-too-long = Es demasiado largo.
error-email = Escribe un correo electrónico como nombre@ejemplo.org.
error-username = Usa de 3 a 64 letras, números, puntos, guiones o guiones bajos.
error-username-taken = Ese nombre de usuario ya existe. Elige otro.
error-email-taken = Ese correo electrónico ya tiene una cuenta.
error-date = Escribe la fecha como AAAA-MM-DD, por ejemplo 2026-08-15.
error-date-order = La fecha final debe ser posterior a la fecha inicial.
error-grade = Escribe un grado del 0 al 13.
error-grade-order = El grado más alto no puede ser menor que el grado más bajo.
error-code-taken = Otra organización ya usa ese código.
error-year-taken = Ese año escolar ya existe.
error-choice = Elige una de las opciones.
error-conflict = Eso choca con algo que ya está guardado.
error-sign-in = El nombre de usuario o la contraseña no son correctos.
error-password-too-short = Usa al menos 8 caracteres. Unas cuantas palabras juntas forman una buena contraseña.
error-password-too-long = Usa como máximo 128 caracteres.
error-password-common = Esa contraseña es demasiado común o fácil de adivinar. Prueba con varias palabras que no tengan relación.
error-password-username = Tu contraseña no debe contener tu nombre de usuario.
error-password-mismatch = Las dos contraseñas no coinciden.
error-current-password = Tu contraseña actual no es correcta.
error-invite-code = Ese código no es válido. Puede haber caducado o ya se usó.
error-own-role = No puedes quitarte tu propio rol.
error-other-school = Todos los estudiantes deben ser de esta escuela.
error-none-selected = Selecciona al menos un estudiante.
error-mentor-school = El mentor debe trabajar en la escuela de cada estudiante.

## Sign-in
login-title = Iniciar sesión
login-intro = Inicia sesión para ver tu plan.
login-submit = Iniciar sesión
login-forgot = ¿Olvidaste tu contraseña?
login-student-help = Estudiantes: si olvidaste tu contraseña, pide a tu consejero o maestro que la restablezca.
login-guardian-code = ¿Eres madre, padre o tutor y la escuela te dio un código? Crea tu cuenta.
demo-heading = Demostración
demo-intro = Esta es una demostración con personas inventadas. Las cuentas de demostración aparecen en README.md y se mostraron al iniciar la demostración.
field-username = Nombre de usuario
field-password = Contraseña

## Student home
student-home-welcome = Te damos la bienvenida, { $name }
student-profile = Sobre mí
field-school = Escuela
field-district = Distrito
field-grade = Grado
field-mentor = Mi mentor
field-guardians = Familia
field-school-year = Año escolar
no-mentor = Aún no asignado
none-yet = Todavía no
section-interests = Mis intereses
section-interests-empty = Todavía no has hecho una encuesta de intereses.
section-careers = Mis carreras
section-careers-empty = Todavía no has guardado ninguna carrera.
section-goals = Mis metas
section-goals-empty = Todavía no tienes metas.
section-courses = Mis cursos
section-courses-empty = Todavía no has planificado cursos.
section-experiences = Mis experiencias
section-experiences-empty = Todavía no has agregado experiencias.
section-portfolio = Mi portafolio
section-portfolio-empty = Tu portafolio está vacío.
enrollment-history = Escuelas a las que asistió
student-record-links = Expediente
back-to = Volver a { $name }
back-to-record = Volver a la página del estudiante
notice-demographics-saved = Se guardó la información para informes.

## Demographics
demographics-title = Información para informes
demographics-intro = Estos campos se usan solo para informes que comparan grupos de estudiantes. Muy pocas personas pueden verlos.
demo-race-ethnicity = Raza y origen étnico
demo-gender = Género
demo-programs = Programas y circunstancias
demo-low-income = Bajos ingresos
demo-english-learner = Aprendiz de inglés
demo-disability-iep = Discapacidad (IEP)
demo-section-504 = Plan de la Sección 504
demo-homeless = Sin hogar
demo-foster = En hogar de acogida
demo-military-connected = Familia vinculada al ejército
race-hispanic-latino = Hispano o latino
race-american-indian-alaska-native = Indígena americano o nativo de Alaska
race-asian = Asiático
race-black-african-american = Negro o afroamericano
race-native-hawaiian-pacific-islander = Nativo de Hawái o de otras islas del Pacífico
race-white = Blanco
race-two-or-more = Dos o más razas
gender-female = Femenino
gender-male = Masculino
gender-nonbinary = No binario
gender-value = { $value ->
    [female] Femenino
    [male] Masculino
   *[other] No binario
}
not-recorded = Sin registrar
yes = Sí
no = No
save = Guardar

## Access log
access-log-title = Quién ha visto este expediente
access-log-intro = Cada vez que alguien abre o cambia este expediente, Waypoint lo anota aquí.
access-log-empty = Nadie ha abierto este expediente todavía.
col-when = Cuándo
col-who = Quién
col-role = Rol
col-student = Estudiante
col-what = Qué
col-name = Nombre
col-last-sign-in = Último inicio de sesión
results-count = { $count ->
    [one] Un resultado
   *[other] { $count } resultados
}
pager-label = Páginas
pager-prev = Página anterior
pager-next = Página siguiente
page-of = Página { $page } de { $pages }
never = Nunca

## Counselor actions
reset-student-button = Dar una contraseña nueva al estudiante
reset-student-title = Contraseña nueva
reset-student-intro = Entrega esta contraseña al estudiante. Se muestra solo una vez. Se cerraron las demás sesiones del estudiante.
guardian-code-button = Crear un código para la madre, el padre o el tutor
guardian-code-title = Código para la madre, el padre o el tutor
guardian-code-intro = Entrega este código a la madre, el padre o el tutor del estudiante. Lo escriben al crear su cuenta o en su página de inicio. Funciona una sola vez y caduca en 14 días.

## Staff home
staff-home-title = Mis estudiantes
caseload-views = Listas de estudiantes
caseload-mentees = Mis estudiantes asignados
caseload-group = Tutoría: { $name }
caseload-school = Todos los estudiantes de mi escuela
caseload-empty = Ningún estudiante coincide.
search-students = Buscar por nombre o identificación estatal
all-grades = Todos los grados
search = Buscar

## Guardian home
guardian-home-title = Mis estudiantes
guardian-no-students = Todavía no hay estudiantes vinculados a tu cuenta.
guardian-link-heading = Agregar un estudiante
guardian-link-intro = Si la escuela te dio un código para otro de tus estudiantes, escríbelo aquí.
guardian-link-submit = Agregar estudiante
field-invite-code = Código de la escuela
grade-n = Grado { $grade }

## Account
account-title = Mi cuenta
field-roles = Roles
change-password = Cambiar contraseña
password-changed = Se cambió tu contraseña. Se cerró la sesión en los demás dispositivos.
password-rules = Usa al menos 8 caracteres. Unas cuantas palabras juntas son fáciles de recordar y difíciles de adivinar.
field-current-password = Contraseña actual
field-new-password = Contraseña nueva
field-confirm-password = Repite la contraseña nueva
sign-out-everywhere = Cerrar sesión en todas partes
sign-out-everywhere-intro = Cierra la sesión en todas las computadoras, tabletas y teléfonos donde la tengas abierta, incluido este.
invite-title = Crea tu cuenta de personal
invite-intro = Te invitaron a Waypoint. Elige un nombre de usuario y una contraseña.
join-title = Crea una cuenta de madre, padre o tutor
join-intro = Escribe el código que te dio la escuela de tu estudiante y elige un nombre de usuario y una contraseña.
field-given-name = Nombre
field-family-name = Apellido
field-email = Correo electrónico
create-account = Crear cuenta
forgot-title = Restablece tu contraseña
forgot-intro = Escribe el correo electrónico de tu cuenta. Te enviaremos un enlace para elegir una contraseña nueva.
forgot-submit = Enviar el enlace
forgot-sent = Si alguna cuenta tiene esa dirección, le enviamos un enlace. El enlace funciona durante una hora.
reset-title = Elige una contraseña nueva
reset-submit = Guardar la contraseña nueva
reset-mail-subject = Restablece tu contraseña de Waypoint
reset-mail-body = Alguien pidió restablecer la contraseña de tu cuenta de Waypoint. Para elegir una contraseña nueva, abre este enlace antes de una hora: { $link } — Si no fuiste tú, ignora este mensaje.

## Roles
role-employer-supervisor = Supervisor del empleador
role-mentor = Maestro o mentor
role-career-coach = Orientador profesional
role-case-manager = Coordinador de educación especial
role-counselor = Consejero
role-school-admin = Administrador escolar
role-district-admin = Administrador del distrito
role-state-admin = Administrador estatal

## Administration
admin-title = Administración
admin-intro = Las organizaciones donde tienes un rol:
admin-no-orgs = No tienes un rol en ninguna organización.
admin-org-nav = Páginas de { $name }
admin-org-page = Organización
org-kind-state = Estado
org-kind-district = Distrito
org-kind-school = Escuela
choose-one = Elige una opción
remove = Quitar
col-actions = Acciones
field-org = Organización
field-role = Rol
field-account = Cuenta
account-disabled = Desactivada
error-role-here = No puedes dar ese rol en esa organización.
error-too-many-students = Son demasiados estudiantes a la vez. Usa 500 como máximo.
error-unknown-students = Algunas identificaciones no corresponden a un estudiante de esta escuela.
error-unknown-students-list = Estas identificaciones no corresponden a un estudiante de esta escuela: { $ids }
hint-date = Usa la forma AAAA-MM-DD, por ejemplo 2026-08-15.

## Administration: organisation
admin-org-details = Datos
field-org-kind = Tipo
field-org-name = Nombre
field-org-code = Código
hint-org-code = Un código corto que no use ninguna otra organización, como el código que le da el estado.
field-org-parent = Forma parte de
field-grades = Grados
grades-range = del { $low } al { $high }
field-low-grade = Grado más bajo
field-high-grade = Grado más alto
admin-districts = Distritos
admin-schools = Escuelas
admin-no-children = Todavía no hay ninguna.
admin-years = Años escolares
admin-no-years = Todavía no hay años escolares.
field-year-name = Nombre
hint-year-name = Por ejemplo 2026-2027.
field-starts-on = Primer día
field-ends-on = Último día
col-current-year = Actual
year-is-current = Año actual
make-current = Hacer actual
make-current-label = Hacer actual: { $name }
admin-add-year = Agregar un año escolar
admin-add-year-submit = Agregar año escolar
admin-edit-org = Cambiar los datos
admin-add-district = Agregar un distrito
admin-add-school = Agregar una escuela
notice-org-saved = Se guardaron los datos.
notice-child-created = Se creó la nueva organización.
notice-year-created = Se agregó el año escolar.
notice-year-current = Se cambió el año escolar actual.

## Administration: people
admin-people-title = Personal
admin-people-heading = Personal de { $org }
search-staff = Buscar por nombre o nombre de usuario
admin-no-staff = Nadie coincide.
admin-invite-heading = Invitar a un miembro del personal
admin-invite-intro = Waypoint crea un enlace para que la persona nueva cree su cuenta. Funciona una sola vez y caduca en 7 días.
hint-invite-email = Opcional. Aparece ya escrito en el formulario de la cuenta nueva.
admin-invite-submit = Crear un enlace de invitación
admin-invite-link-title = Enlace de invitación
admin-invite-link-intro = Entrega este enlace a la persona nueva. Se muestra solo una vez, funciona una sola vez y caduca en 7 días.
admin-no-roles = Esta persona no tiene ningún rol.
admin-own-roles = No puedes quitarte tus propios roles. Pídeselo a otro administrador.
remove-role-label = Quitar: { $role }, { $org }
admin-grant-heading = Dar un rol
admin-grant-submit = Dar el rol
notice-role-granted = Se dio el rol.
notice-role-removed = Se quitó el rol.

## Administration: students and mentors
admin-students-title = Estudiantes
admin-students-heading = Estudiantes de { $org }
## A school's interests and saved careers (/admin/orgs/{id}/interests)
admin-interests-title = Intereses y carreras
admin-interests-heading = Intereses y carreras en { $org }
report-intro = Lo que los estudiantes de esta escuela descubrieron sobre sus intereses en la encuesta de intereses, y las carreras que guardaron. El informe cuenta estudiantes; nunca muestra a ninguno.
report-show = Mostrar
report-group-grade = Grado { $grade }
report-group-too-small = Este grupo tiene menos de 10 estudiantes, así que no se muestra ninguna cifra.
report-fewer-than = menos de { $min }
report-hidden = oculto
report-suppression-note = Para proteger a los grupos pequeños de estudiantes, un recuento de 1 a 9 aparece como “menos de 10”. Cuando aun así podría deducirse del total, también se oculta otro recuento (“oculto”).
report-interests-heading = Intereses
report-interests-method = Cada estudiante cuenta una sola vez, por la primera letra del código de intereses de la última encuesta de intereses que terminó. Si su puntuación más alta la comparten dos tipos o más, cuenta en “Empate en el primer lugar” y no en cada uno de ellos, así que las filas suman el total de estudiantes.
report-interests-caption = Estudiantes por tipo de interés principal
report-col-type = Tipo de interés principal
report-col-students = Estudiantes
report-tied = Empate en el primer lugar
report-no-code = Terminada, sin código
report-not-finished = No ha terminado la encuesta de intereses
report-total = Todos los estudiantes
report-participation = { $finished } de { $enrolled } estudiantes han terminado la encuesta de intereses.
report-participation-hidden = No se muestra cuántos de los { $enrolled } estudiantes han terminado la encuesta de intereses, para que no pueda deducirse un grupo pequeño.
report-chart-title = Estudiantes por tipo de interés principal, como parte del total de estudiantes
report-chart-desc-item = { $name }: { $value }.
report-percent = { $n } %
report-careers-heading = Carreras guardadas
report-saved-any = Estudiantes que guardaron al menos una carrera: { $value } de { $enrolled }.
report-careers-caption = Carreras que más estudiantes guardaron
report-col-career = Carrera
report-careers-none = Ninguna carrera la guardaron 10 estudiantes o más.
report-careers-not-listed = No aparecen las carreras que guardaron menos de 10 estudiantes.
report-clusters-heading = Grupos de carreras
report-clusters-intro = Estudiantes que guardaron al menos una carrera de cada grupo. Quien guardó carreras de varios grupos cuenta en cada uno de ellos.
report-clusters-caption = Estudiantes por grupo de carreras: { $framework }
report-col-cluster = Grupo
report-clusters-none = No hay grupos de carreras cargados.
staff-reports-heading = Informes de la escuela
staff-reports-interests = Intereses y carreras en { $school }
admin-assign-intro = Para asignar un mentor a varios estudiantes, selecciónalos, elige el mentor debajo de la lista y pulsa el botón.
col-select = Seleccionar
select-student = Seleccionar a { $given } { $family }
student-alumni = Egresado
field-mentor-to-assign = Mentor para los estudiantes seleccionados
admin-assign-submit = Asignar el mentor
notice-mentor-assigned = { $count ->
    [0] No se asignó a ningún estudiante: los estudiantes seleccionados ya tenían este mentor.
    [one] Se asignó el mentor a un estudiante.
   *[other] Se asignó el mentor a { $count } estudiantes.
}

## Administration: advisory groups
admin-groups-title = Grupos de tutoría
admin-groups-heading = Grupos de tutoría de { $org }
admin-no-groups = Esta escuela todavía no tiene grupos de tutoría.
field-group-name = Nombre del grupo
field-group-leader = A cargo de
col-members = Estudiantes
admin-new-group = Crear un grupo de tutoría
admin-new-group-submit = Crear el grupo
admin-back-to-groups = Volver a los grupos de tutoría
admin-group-members = Estudiantes del grupo
admin-no-members = El grupo todavía no tiene estudiantes.
remove-member-label = Quitar a { $given } { $family } del grupo
admin-add-members = Agregar estudiantes
field-member-ids = Identificaciones de los estudiantes
hint-member-ids = Identificaciones estatales o de Waypoint, separadas por espacios, comas o saltos de línea.
admin-add-members-submit = Agregar al grupo
notice-group-created = Se creó el grupo. Ahora agrega a sus estudiantes.
notice-members-added = { $count ->
    [0] No se agregó a ningún estudiante: ya estaban en el grupo.
    [one] Se agregó a un estudiante.
   *[other] Se agregó a { $count } estudiantes.
}
notice-member-removed = Se quitó al estudiante del grupo.

## Administration: logs
admin-access-log-title = Registro de acceso
admin-access-log-heading = Registro de acceso de { $org }
admin-access-log-intro = Cada vez que alguien abre o cambia el expediente de un estudiante, Waypoint lo anota. Busca por estudiante, por persona o por fechas.
field-log-student = Estudiante
hint-log-student = Una identificación estatal o de Waypoint.
field-log-actor = Nombre de usuario de quien lo vio
field-log-from = Desde
field-log-to = Hasta
admin-audit-log-title = Registro de auditoría
admin-audit-log-heading = Registro de auditoría de { $org }
admin-audit-log-intro = Cambios hechos por administradores y personal en esta organización y en las que dependen de ella, del más reciente al más antiguo.
admin-audit-log-empty = Todavía no hay nada registrado.
col-action = Cambio
col-target = Se aplica a
col-detail = Detalle
audit-system = Waypoint
audit-accept-guardian-invite = Se usó un código de madre, padre o tutor
audit-accept-staff-invite = Se aceptó una invitación de personal
audit-add-group-members = Se agregaron estudiantes a un grupo
audit-assign-mentor = Se asignó un mentor
audit-create-group = Se creó un grupo de tutoría
audit-create-org = Se creó una organización
audit-create-school-year = Se agregó un año escolar
audit-grant-role = Se dio un rol
audit-invite-guardian = Se creó un código de madre, padre o tutor
audit-invite-staff = Se invitó a un miembro del personal
audit-password-reset = Contraseña restablecida por correo
audit-remove-group-member = Se quitó a un estudiante de un grupo
audit-remove-mentor = Se quitó un mentor
audit-reset-student-password = Se dio una contraseña nueva a un estudiante
audit-revoke-role = Se quitó un rol
audit-set-current-year = Se cambió el año escolar actual
audit-sign-out-everywhere = Cierre de sesión en todas partes
audit-update-org = Se cambió una organización
admin-access-log-none = Ningún registro coincide.

## Access-log labels
role-student = Estudiante
role-guardian = Madre, padre o tutor
role-staff = Personal
access-action-view = Vio
access-action-edit = Cambió
access-action-view-demographics = Vio la información para informes
access-action-edit-demographics = Cambió la información para informes
access-action-view-access-log = Vio quién consultó el expediente
access-action-reset-password = Restableció la contraseña
access-action-assign-mentor = Cambió mentores o grupos
access-resource-home = página de inicio
access-resource-demographics = información para informes
access-resource-access-log = registro de acceso
access-resource-password = contraseña
access-resource-guardian-invite = código para la madre, el padre o el tutor
access-resource-advisory-group = grupo de tutoría
access-resource-mentors = mentores

## Student page seen by others
student-profile-other = Perfil
field-mentor-other = Mentor
section-interests-other = Intereses
section-interests-empty-other = Todavía no ha hecho una encuesta de intereses.
section-careers-other = Carreras
section-careers-empty-other = Todavía no ha guardado carreras.
section-goals-other = Metas
section-goals-empty-other = Todavía no tiene metas.
section-courses-other = Cursos
section-courses-empty-other = Todavía no ha planificado cursos.
section-experiences-other = Experiencias
section-experiences-empty-other = Todavía no ha agregado experiencias.
section-portfolio-other = Portafolio
section-portfolio-empty-other = El portafolio está vacío.

## Portable record
record-link = El expediente completo, para imprimir o descargar
record-title = Expediente portátil
record-heading = Expediente portátil de { $name }
record-intro = Todo lo que Waypoint guarda sobre este estudiante, en una sola página. El mismo expediente se puede descargar como archivo y llevar a otra escuela que use Waypoint.
record-download = Descargar el expediente como archivo (JSON)
record-print-hint = Para guardar una copia en papel, imprima esta página.
record-made = Hecho el { $when } por { $issuer }.
record-student = Estudiante
field-state-student-id = Número estatal del estudiante
field-birth-date = Fecha de nacimiento
field-status = Situación
field-graduation-year = Año de graduación
student-status-active = Inscrito
student-status-alumni = Graduado
student-status-withdrawn = Dado de baja
col-entry-date = Comenzó
col-exit-date = Salió
col-relationship = Parentesco
record-guardians = Madres, padres y tutores
record-mentors = Mentores
record-none = No hay ninguno registrado.
record-access-intro = Quién abrió o cambió este expediente en este Waypoint.
record-later = Las metas, los planes de cursos, las experiencias, las credenciales y el portafolio formarán parte de este expediente cuando Waypoint los guarde.
record-assessments = Encuestas
record-assessments-intro = Cada encuesta que el estudiante comenzó, de la más antigua a la más reciente, con las respuestas y los puntajes tal como se guardaron.
record-assessment-heading = { $title }, comenzada el { $when }
record-assessment-version = Versión de la encuesta
record-assessment-form = Formulario
record-assessment-language = Idioma
record-assessment-updated = Última respuesta guardada
record-assessment-no-answers = Todavía no hay respuestas.
record-assessment-answers = { $count ->
    [one] Mostrar la respuesta (1)
   *[other] Mostrar las respuestas ({ $count })
}
record-assessment-answers-caption = Respuestas a { $title }
record-assessment-answered = { $answered } de { $items }
record-col-answered = Respondidas
record-col-question = Pregunta
record-col-answer = Respuesta
record-language-en = Inglés
record-language-es = Español
record-saved-careers = Carreras guardadas
record-col-career = Carrera
record-col-onet-code = Código O*NET-SOC
record-col-note = Nota
record-col-saved = Guardada
record-col-changed = Último cambio
record-no-note = Sin nota
access-action-export = Descargó el expediente completo
access-action-import = Trajo el expediente de otra escuela
access-resource-export = expediente portátil
access-resource-record = expediente portátil
access-action-transfer = Lo trasladó a otra escuela con una importación de lista
access-resource-enrollment = inscripción escolar

## Importing a portable record
admin-record-import-title = Importar un expediente
admin-record-import-heading = Importar el expediente de un estudiante en { $org }
admin-record-import-intro = Cuando un estudiante llega de una escuela que usa Waypoint, su expediente portátil (un archivo que descargó el estudiante o su escuela anterior) trae su historial. Si el estudiante ya está aquí (el mismo número estatal), solo se agregan las escuelas, las encuestas y las carreras guardadas que faltan en su expediente; se conservan las notas que escribió aquí. Si no, se crea una cuenta de estudiante nueva en esta escuela, sin contraseña: asígnela desde la página del estudiante. Las madres, los padres y los mentores del expediente se guardan solo como nombres; un archivo no le da acceso a nadie.
field-record-file = Expediente portátil (un archivo .json)
record-file-hint = Descargado de Waypoint; como máximo 2 MB.
admin-record-import-submit = Importar el expediente
record-import-problems = El expediente no se importó y no se cambió nada. Estas partes del archivo no son correctas:
record-import-failed = Este archivo no se pudo importar. Los problemas aparecen arriba.
record-import-open-student = Abrir la página del estudiante
notice-record-created = Se importó el expediente. Se creó una cuenta de estudiante nueva en esta escuela.
notice-record-merged = Se importó el expediente en el estudiante que ya estaba aquí. Se agregaron las escuelas, las encuestas y las carreras guardadas que faltaban en su expediente.
notice-record-open-attempt-left-out = El estudiante ya tiene aquí sin terminar una encuesta que el expediente también tiene sin terminar (la misma encuesta y versión). Solo se puede continuar una, así que se dejó fuera la del expediente.
notice-record-email-left-out = El correo electrónico del expediente ya pertenece a otra cuenta aquí, así que la cuenta nueva no tiene ninguno.
error-record-file = Elija un archivo de expediente portátil para importar.
error-record-too-large = El archivo ocupa más de 2 MB.
error-record-json = Este archivo no es un documento JSON.
error-record-format = Este archivo no es un expediente portátil de Waypoint.
error-record-version = Esta versión del expediente portátil no se puede leer aquí.
error-record-missing = Falta este dato.
error-record-type = Este dato tiene un tipo de valor incorrecto.
error-record-empty = Este dato no puede estar vacío.
error-record-too-long = Este dato es demasiado largo.
error-record-date = Esta no es una fecha escrita como AAAA-MM-DD.
error-record-datetime = Esta no es una fecha y hora.
error-record-number = Este número está fuera del rango permitido.
error-record-choice = Este no es uno de los valores permitidos.
error-record-email = Esta no es una dirección de correo electrónico.
error-record-unknown = Esto no forma parte de un expediente portátil.
error-record-reserved = Esta parte debe estar vacía en esta versión del expediente.
error-record-date-order = La fecha de salida es anterior a la fecha de inicio.
error-record-student-elsewhere = Un estudiante con este número estatal está en una escuela donde usted no puede cambiar expedientes.
error-record-key = Este nombre está vacío o es demasiado largo.
error-record-id = Este no es un identificador: escríbalo con dígitos, entre comillas.
error-record-onet-code = Este no es un código O*NET-SOC escrito como 00-0000.00.
error-record-duplicate = Esto aparece más de una vez.
error-record-time-order = Esta hora es anterior al inicio.
error-record-scores = Una encuesta terminada tiene puntajes y una sin terminar no los tiene.
error-record-open-twice = Solo se puede guardar un intento sin terminar de la misma encuesta y versión.
error-record-open-attempt-here = El estudiante ya tiene aquí un intento sin terminar de esta encuesta, así que este intento sin terminar se dejó fuera.

## Administration: rosters (OneRoster uploads)
admin-rosters-title = Listas
admin-rosters-heading = Listas de { $org }
roster-upload-heading = Subir una lista
roster-upload-intro = Suba la lista que su sistema de información estudiantil exporta en formato OneRoster (versión 1.1 o 1.2). Waypoint revisa primero el paquete entero: si algo está mal, no cambia nada y usted recibe la lista de todos los problemas con su archivo, línea y campo.
field-roster-package = Paquete OneRoster
hint-roster-package = Un archivo .zip, o todos los archivos CSV del paquete (manifest.csv, orgs.csv, users.csv y los demás) seleccionados a la vez. Como máximo { $size } MB.
field-roster-auto = Actualizar el progreso en la página automáticamente
hint-roster-auto = La página se vuelve a cargar cada 2 segundos hasta que termine la importación. Desmarque esta casilla para consultarla usted mismo.
roster-upload-submit = Subir e importar
roster-runs-heading = Importaciones anteriores
roster-runs-empty = Todavía no se ha importado ninguna lista.
roster-runs-caption = Importaciones, las más recientes primero
col-roster-started = Inicio
col-roster-finished = Fin
col-roster-file = Archivo
col-roster-status = Estado
col-roster-progress = Progreso
roster-status-running = En curso
roster-status-succeeded = Importada
roster-status-rejected = Rechazada
roster-status-interrupted = Interrumpida
roster-status-failed = Fallida
roster-phase-waiting = esperando a que termine otra importación
roster-phase-reading = leyendo y revisando los archivos
roster-phase-matching = relacionando personas, escuelas y clases
roster-phase-writing = guardando los cambios
roster-progress-text = { $percent } % hecho: { $phase }.
roster-auto-on = Esta página se actualiza sola cada 2 segundos.
roster-auto-stop = Dejar de actualizar automáticamente
roster-check-again = Volver a consultar
roster-auto-start = Actualizar automáticamente cada 2 segundos
roster-run-title = Importación de lista
roster-run-heading = Importación de lista de { $org }
roster-run-details = Detalles
roster-back-to-runs = Volver a las listas
roster-failure-rejected = El paquete tiene problemas, que aparecen abajo. No se cambió nada. Corríjalos en su sistema de información estudiantil o en los archivos, y vuelva a subir el paquete.
roster-failure-interrupted = La importación se interrumpió porque Waypoint se reinició. No se cambió nada. Vuelva a subir el paquete.
roster-failure-error = La importación no se pudo completar. No se cambió nada. Inténtelo más tarde; si sigue pasando, avise a quien administra Waypoint.
roster-changes-heading = Qué cambió
roster-count-orgs-created = Escuelas y distritos agregados
roster-count-students-created = Estudiantes agregados
roster-count-students-updated = Estudiantes actualizados
roster-count-students-transferred = Estudiantes trasladados desde otra escuela
roster-count-students-withdrawn = Estudiantes dados de baja
roster-count-staff-created = Cuentas de personal agregadas
roster-count-guardians-created = Cuentas de madres, padres y tutores agregadas
roster-count-roles-granted = Funciones asignadas o confirmadas
roster-count-roles-ended = Funciones terminadas
roster-count-guardian-links = Estudiantes vinculados a una madre, un padre o un tutor
roster-count-classes = Clases
roster-count-class-places = Lugares en clases
roster-count-class-places-written = Lugares añadidos o cambiados
roster-count-class-places-ended = Lugares terminados (ya no están en la lista)
roster-count-classes-ended = Clases terminadas (ya no están en la lista)
roster-count-warnings = Advertencias
roster-report-errors = Problemas
roster-report-warnings = Advertencias
roster-report-caption = { $count ->
    [one] Una entrada
   *[other] { $count } entradas
}
roster-report-more = { $count ->
    [one] Se encontró uno más que no aparece en la lista.
   *[other] Se encontraron { $count } más que no aparecen en la lista.
}
roster-report-package = (el paquete)
col-report-file = Archivo
col-report-line = Línea
col-report-field = Campo
col-report-problem = Problema
col-report-message = Detalles (en inglés)
error-roster-file-required = Elija un archivo .zip o los archivos CSV del paquete.
error-roster-running = Todavía hay una importación de esta lista en curso. Espere a que termine.
error-roster-too-large = El archivo es demasiado grande. Suba como máximo 512 MB.
roster-code-manifest = Problema con manifest.csv
roster-code-missing-file = Falta un archivo
roster-code-undeclared-file = Archivo no declarado en el manifiesto
roster-code-unknown-file = No es un archivo OneRoster
roster-code-ignored-file = Archivo que no se importa
roster-code-missing-column = Falta una columna
roster-code-duplicate-column = Columna repetida
roster-code-unknown-column = Columna desconocida
roster-code-ignored-column = Columna que no se importa
roster-code-extra-values = Demasiados valores en la fila
roster-code-required = Falta un valor
roster-code-bad-date = Fecha no válida
roster-code-bad-enum = Valor no permitido
roster-code-bad-value = Valor no válido
roster-code-duplicate-id = El mismo identificador dos veces
roster-code-unknown-reference = Se refiere a algo que no está
roster-code-encoding = El texto no está en UTF-8
roster-code-csv-syntax = El CSV está mal formado
roster-code-zip-path = Ruta peligrosa o repetida en el archivo zip
roster-code-zip = El archivo zip no se puede leer
roster-code-too-large = Demasiado grande
roster-code-io = El archivo no se puede leer
audit-roster-import = Lista importada
audit-school-year-rollover = Nuevo año escolar iniciado

## Administration: new school year (rollover)
admin-rollover-title = Nuevo año escolar
admin-rollover-heading = Iniciar un nuevo año escolar en { $org }
rollover-intro = Al iniciar un nuevo año escolar se cierra el actual y todos los estudiantes avanzan: un grado más, del grado 8 a una escuela secundaria, y del grado 12 a la graduación. Los graduados conservan su cuenta y su plan; el personal deja de ver su expediente salvo que el graduado lo permita. No cambia nada hasta que pulse el botón, y pulsarlo otra vez no cambia nada más.
rollover-plan-heading = De { $from } a { $to }
rollover-closes = Se cierra
rollover-closes-on = { $year }, el { $date }
rollover-begins = Comienza
rollover-begins-on = { $year }, el { $date }
rollover-year-created = (un año escolar nuevo, que termina el { $date })
rollover-nothing = { $year } ya es el año escolar actual y todos los estudiantes ya avanzaron. No hay nada que hacer.
rollover-no-students = El distrito no tiene estudiantes activos que avancen.
rollover-grades-caption = { $count ->
    [one] Un estudiante, por grado
   *[other] { $count } estudiantes, por grado
}
rollover-col-grade = Grado actual
rollover-col-students = Estudiantes
rollover-col-outcome = Qué pasa
rollover-graduate = Se gradúan y pasan a ser exalumnos.
rollover-stay = { $count } al grado { $grade } en la misma escuela
rollover-move = { $count } al grado { $grade } en { $school }
rollover-needs-placement-count = { $count } al grado { $grade }, pero su escuela no lo ofrece: necesitan una escuela secundaria
rollover-skipped = { $count ->
    [one] Un estudiante no tiene grado o escuela y se deja como está.
   *[other] { $count } estudiantes no tienen grado o escuela y se dejan como están.
}
rollover-needs-heading = Estudiantes que necesitan una escuela secundaria
rollover-needs-intro = Su escuela no ofrece el grado 9, y Waypoint no puede saber a qué escuela secundaria van: sus clases no lo indican, y el distrito tiene más de una escuela secundaria (o ninguna). Avanzan al grado 9 en su escuela; cámbielos con la próxima importación de la lista.
rollover-submit = Iniciar { $year }
rollover-other-year = Elegir el nuevo año escolar
field-rollover-year = Nombre del nuevo año escolar
hint-rollover-dates = Solo se usa si el año escolar todavía no existe. Déjelo en blanco para usar la fecha del año actual un año después.
rollover-preview = Ver qué pasará
rollover-done = { $from } está cerrado y { $to } es ahora el año escolar actual.
rollover-done-promoted = Avanzaron un grado en su escuela
rollover-done-moved = Avanzaron a otra escuela
rollover-done-graduated = Se graduaron
rollover-done-needs = Necesitan una escuela secundaria
rollover-done-skipped = Se dejaron como estaban (sin grado o sin escuela)
error-rollover-no-current = El distrito no tiene un año escolar actual que cerrar. Agregue los años escolares en la página del distrito y marque el que corresponde como actual.
error-rollover-too-early = El año escolar actual todavía no ha comenzado, así que no se puede cerrar. ¿Ya se inició el nuevo año escolar?
error-rollover-order = El nuevo año escolar debe comenzar después de que termine el actual.

## Assessments (surveys): the list, taking one, the results, the home card
assessment-list-and = y
assessment-list-or = o
assessments-title = Mis encuestas
assessments-heading-other = Encuestas de { $name }
assessments-intro = Las encuestas te ayudan a descubrir qué te gusta hacer, qué es importante para ti en un trabajo y qué ya sabes hacer. No hay respuestas correctas ni incorrectas. Puedes parar y seguir más tarde, y volver a hacer una encuesta el próximo año para ver cómo cambias.
assessments-intro-other = Las encuestas que este estudiante puede hacer y cada vez que hizo una. Solo el estudiante puede responderlas.
assessments-offered-heading = Encuestas para el grado { $grade }
assessments-offered-heading-no-grade = Encuestas
assessments-none-for-grade = No hay encuestas para este grado.
assessments-no-grade = Las encuestas aparecen cuando la escuela registra el grado.
assessments-history-heading = Encuestas anteriores
assessments-history-caption = Cada encuesta empezada, de la más reciente a la más antigua
assessments-history-empty = Todavía no se ha hecho ninguna encuesta.
col-assessment = Encuesta
col-assessment-started = Empezada
col-assessment-finished = Terminada
col-assessment-result = Resultado
assessment-kind-interest-inventory = Intereses
assessment-kind-work-values = Valores en el trabajo
assessment-kind-skills-self-rating = Habilidades
assessment-questions = { $count ->
    [one] Una pregunta
   *[other] { $count } preguntas
}
assessment-cards = { $count ->
    [one] Una tarjeta para ordenar
   *[other] { $count } tarjetas para ordenar
}
assessment-status-not-started = Todavía no empezada.
assessment-status-in-progress = En curso: { $answered } de { $total } respondidas.
assessment-status-finished = Terminada el { $date } (grado { $grade }).
assessment-start = Empezar
assessment-resume = Continuar
assessment-retake = Hacerla otra vez
assessment-see-results = Ver los resultados
assessment-result-in-progress = Sin terminar
notice-assessment-saved = Tus respuestas están guardadas. Vuelve y continúa cuando quieras.
notice-assessment-incomplete = Todavía hay preguntas sin responder. Respóndelas para terminar la encuesta.
assessment-back-to-list = Volver a las encuestas
assessment-page-of = Página { $page } de { $pages }
assessment-answered = { $answered } de { $total } respondidas
assessment-next = Guardar y seguir
assessment-back = Guardar y volver atrás
assessment-save-later = Guardar y terminar más tarde
assessment-finish = Terminar y ver los resultados
assessment-error-unanswered = Elige una respuesta para esta pregunta.
assessment-error-unanswered-summary = La pregunta { $number } todavía no tiene respuesta.
assessment-error-unknown-item = Se envió una respuesta para una pregunta que no está en esta página. Vuelve a cargar la página e inténtalo de nuevo.
assessment-error-over-capacity = En el grupo “{ $pile }” caben como máximo { $capacity } tarjetas, pero pusiste { $count }. Pasa algunas a otro grupo.
assessment-piles-heading = Cuántas tarjetas hay en cada grupo
assessment-pile-label = { $pile } (caben { $capacity })
assessment-pile-count = { $pile }: { $count } de { $capacity } tarjetas
assessment-results-title = Resultados: { $title }
assessment-taken = { $name } hizo esta encuesta en el grado { $grade } y la terminó el { $date }.
assessment-taken-self = Hiciste esta encuesta en el grado { $grade } y la terminaste el { $date }.
assessment-started = { $name } empezó esta encuesta en el grado { $grade } el { $date } y no la ha terminado.
assessment-started-self = Empezaste esta encuesta en el grado { $grade } el { $date } y todavía no la has terminado.
assessment-unfinished-note = Esta encuesta no está terminada: hay { $answered } de { $total } preguntas respondidas. Los puntajes de abajo usan las respuestas dadas hasta ahora y van a cambiar.
assessment-changed-note = Esta encuesta cambió desde que se empezó este intento, así que no se puede continuar. Empieza la encuesta de nuevo desde la página de encuestas.
assessment-incomplete-note = No se respondieron todas las preguntas. Cada puntaje usa las respuestas que se dieron.
assessment-insufficient-note = Estas áreas no tienen suficientes respuestas para dar un puntaje: { $names }. Sin ellas no hay código.
assessment-unknown-instrument = Esta encuesta ya no se ofrece aquí, así que solo se muestran sus puntajes.
assessment-resume-button = Continuar la encuesta
assessment-code-heading = Tu código
assessment-code-heading-other = Código
assessment-code-intro = Las letras son las de las áreas con los puntajes más altos, de mayor a menor. Las áreas con el mismo puntaje están empatadas: comparten sus lugares y ninguna va primero.
assessment-top-heading = Áreas principales
assessment-top-intro = Las áreas con los puntajes más altos, de mayor a menor. Las áreas con el mismo puntaje están empatadas: comparten sus lugares y ninguna va primero.
assessment-top-item = { $names }: { $score }
assessment-top-item-tied = { $names }: { $score } cada una (empatadas)
assessment-code-tie = { $names } están empatadas, con { $score } cada una.
assessment-code-tie-partial = { $names } están empatadas, con { $score } cada una. Solo { $places } de ellas caben en el código, y ninguna va antes que las otras.
assessment-code-no-ties = No hay áreas empatadas.
assessment-code-alternatives = Escrito sin empates, el código podría ser { $codes }.
assessment-scores-heading = Puntajes
assessment-scores-caption = Puntajes por área, de 0 a 100
assessment-chart-title = Gráfico de barras de los puntajes por área, de 0 a 100
assessment-chart-desc-item = { $name }: { $score } de 100, { $band }.
assessment-chart-desc-missing = { $name }: no hay suficientes respuestas para dar un puntaje.
assessment-not-enough = No hay suficientes respuestas
assessment-not-enough-detail = { $answered } respondidas; se necesitan { $needed } para dar un puntaje.
col-assessment-area = Área
col-assessment-score = Puntaje (0–100)
col-assessment-level = Nivel
col-assessment-meaning = Qué significa
interests-card-code = Tu código de intereses: { $code }
interests-card-code-other = Código de intereses: { $code }
interests-card-no-code = todavía ninguno (algunas áreas tenían muy pocas respuestas)
interests-card-areas = Áreas principales: { $areas }
interests-card-tied = { $names } (empatadas)
interests-card-from = De la encuesta terminada el { $date }, en el grado { $grade }.
interests-card-results = Ver los resultados
interests-card-surveys = Todas las encuestas
interests-card-take = Hacer la encuesta de intereses
error-assessment-grade = Esta encuesta no se ofrece para el grado del estudiante.
error-assessment-changed = Esta encuesta cambió desde que se empezó. Empiézala de nuevo desde la página de encuestas.
access-action-take-assessment = Respondió una encuesta
access-resource-assessments = encuestas
access-resource-assessment-attempt = respuestas de una encuesta
access-resource-assessment-results = resultados de una encuesta

## Careers: search, the career page and saved careers
nav-careers = Carreras
careers-title = Explorar carreras
careers-intro = Busca entre más de mil ocupaciones por nombre, o recórrelas con filtros. Cada página dice cómo es el trabajo, con qué intereses encaja, qué estudios pide y cuánto paga.
careers-no-data = Todavía no se han cargado datos de carreras. Un administrador los carga con “waypoint import onet”, “waypoint import bls” y “waypoint import clusters”.
careers-search-label = Nombre del puesto o palabras clave (en inglés)
careers-search-hint = Por ejemplo: nurse, electrician, software developer, o un código como 29-1141. No importan los errores de ortografía.
careers-filter-cluster = Grupo de carreras
careers-any-cluster = Cualquier grupo
careers-filter-education = Estudios necesarios para empezar, como máximo
careers-any-education = Cualquier nivel de estudios
careers-filter-job-zone = Preparación necesaria
careers-any-job-zone = Cualquier preparación
careers-filter-min-wage = Salario mediano de al menos (dólares al año)
careers-filter-outlook = Perspectivas
careers-outlook-any = Cualquier perspectiva
careers-outlook-growing = En crecimiento
careers-outlook-bright = Solo perspectivas brillantes
careers-sort-label = Ordenar por
careers-sort-relevance = Mejor coincidencia
careers-sort-title = Nombre
careers-sort-wage = Salario mediano más alto
careers-sort-growth = Crecimiento más rápido
careers-sort-openings = Más vacantes
careers-results-count = { $count ->
    [one] Una carrera
   *[other] { $count } carreras
}
careers-results-for = { $count ->
    [0] Ninguna carrera coincide con “{ $query }”
    [one] Una carrera coincide con “{ $query }”
   *[other] { $count } carreras coinciden con “{ $query }”
}
careers-no-results = No se encontraron carreras
careers-did-you-mean = ¿Quisiste decir:
careers-clear-filters = Buscar de nuevo sin los filtros
careers-tip-spelling = Revisa la ortografía, o escribe las primeras letras de una palabra.
careers-tip-fewer-words = Usa menos palabras o palabras más generales, como “nurse” en lugar de “night shift nurse”.
careers-browse-all = Ver todas las carreras
careers-matched = Coincide con:
careers-median-wage = Salario mediano
careers-not-available = No disponible
careers-outlook = Perspectivas
careers-preparation = Preparación
careers-entry-education = Estudios habituales para empezar
careers-sources = Fuentes de los datos de carreras
careers-bright-outlook = Perspectivas brillantes
careers-bright-rule = Unas perspectivas brillantes significan que se prevé que el empleo crezca al menos el doble de rápido que en el conjunto de las ocupaciones (y al menos un 5 %), o que hay al menos 10.000 vacantes al año en una ocupación que no se reduce.
careers-wage-year = { $amount } al año
careers-wage-at-least = al menos { $amount } al año
careers-outlook-change = { $change } en diez años
careers-job-zone-1 = Zona laboral 1: poca o ninguna preparación
careers-job-zone-2 = Zona laboral 2: algo de preparación
careers-job-zone-3 = Zona laboral 3: preparación media
careers-job-zone-4 = Zona laboral 4: bastante preparación
careers-job-zone-5 = Zona laboral 5: preparación extensa
careers-education-none = Sin título formal
careers-education-high-school = Diploma de preparatoria o equivalente
careers-education-postsecondary = Certificado después de la preparatoria
careers-education-some-college = Algunos estudios universitarios, sin título
careers-education-associate = Título asociado (dos años)
careers-education-bachelor = Licenciatura
careers-education-master = Maestría
careers-education-doctoral = Doctorado o título profesional
careers-error-cluster = Elige un grupo de la lista.
careers-error-education = Elige un nivel de estudios de la lista.
careers-error-job-zone = Elige una zona laboral del 1 al 5.
careers-error-wage = Escribe un número entero de dólares, como 45000.
careers-error-outlook = Elige una perspectiva de la lista.
careers-error-sort = Elige un orden de la lista.
careers-error-too-many = Tu lista está llena (100 carreras). Quita una antes de guardar otra.
careers-back-to-search = Volver a la búsqueda de carreras
careers-code = Código O*NET-SOC { $code }
careers-save-heading = Guardar en mis carreras
careers-note-label = Nota (opcional)
careers-note-hint = Por qué te interesa, o algo que quieras averiguar. Hasta 500 caracteres.
careers-save = Guardar en mis carreras
careers-save-note = Guardar la nota
careers-remove = Quitar de mis carreras
careers-remove-short = Quitar
careers-remove-rest = { $title } de mis carreras
careers-my-list = Ver mis carreras
careers-saved-on = Guardada el { $date }
careers-notice-saved = La carrera está en tu lista.
careers-notice-note-saved = La nota está guardada.
careers-notice-removed = La carrera ya no está en tu lista.
careers-work-heading = Cómo es el trabajo
careers-also-called = También se llama
careers-interests-heading = Intereses
careers-interests-mostly = Sobre todo { $types }.
careers-and = { $first } y { $last }
careers-no-interests = O*NET no califica los intereses de esta ocupación.
careers-interests-caption = Cuánto tiene el trabajo de cada interés
careers-col-interest = Interés
careers-col-career = Carrera
careers-col-level = Nivel (de 1 a 7)
careers-top-interest = principal
careers-interest-out-of = { $value } de 7
careers-interests-scale = O*NET califica cada interés de 1 (el trabajo casi no lo tiene) a 7 (el trabajo lo tiene mucho).
careers-riasec-realistic = Realista
careers-riasec-realistic-desc = Trabajo práctico con herramientas, máquinas, plantas o animales, a menudo al aire libre.
careers-riasec-investigative = Investigador
careers-riasec-investigative-desc = Trabajar con ideas: observar, investigar y resolver problemas.
careers-riasec-artistic = Artístico
careers-riasec-artistic-desc = Crear y diseñar, con espacio para expresarse.
careers-riasec-social = Social
careers-riasec-social-desc = Ayudar, enseñar y cuidar a las personas.
careers-riasec-enterprising = Emprendedor
careers-riasec-enterprising-desc = Dirigir, convencer, vender y poner en marcha proyectos.
careers-riasec-conventional = Convencional
careers-riasec-conventional-desc = Organizar información, seguir procedimientos y cuidar la exactitud.
careers-education-heading = Estudios y formación
careers-zone-education = Estudios (O*NET)
careers-zone-experience = Experiencia (O*NET)
careers-zone-training = Formación (O*NET)
careers-education-caption = Estudios de quienes trabajan en esta ocupación
careers-col-education = Nivel de estudios
careers-col-share = Parte de los trabajadores
careers-education-source = Parte de los trabajadores en cada nivel, según lo que contaron a O*NET (O*NET { $version }); se omiten los niveles por debajo del 1 %.
careers-education-imprecise = * O*NET señala que esta parte es poco precisa: respondieron pocas personas o las respuestas variaron mucho.
careers-rl-1 = Menos que el diploma de preparatoria
careers-rl-2 = Diploma de preparatoria o equivalente
careers-rl-3 = Certificado después de la preparatoria
careers-rl-4 = Algunos cursos universitarios
careers-rl-5 = Título asociado (dos años)
careers-rl-6 = Licenciatura
careers-rl-7 = Certificado después de la licenciatura
careers-rl-8 = Maestría
careers-rl-9 = Certificado después de la maestría
careers-rl-10 = Primer título profesional
careers-rl-11 = Doctorado
careers-rl-12 = Formación posdoctoral
careers-outlook-heading = Salarios y perspectivas
careers-no-projection = La Oficina de Estadísticas Laborales de EE. UU. no publica proyecciones para esta ocupación.
careers-median-wage-in = Salario mediano ({ $year })
careers-wage-note = La mitad de los trabajadores gana más que la mediana y la otra mitad gana menos. Los salarios son de asalariados, no de trabajadores por cuenta propia.
careers-employment-in = Empleos en { $year }
careers-employment-projected-in = Empleos previstos para { $year }
careers-jobs = { $count } empleos
careers-change-over = Cambio, { $start }–{ $end }
careers-all-occupations-change = todas las ocupaciones: { $change }
careers-openings-over = Vacantes al año, promedio { $start }–{ $end }
careers-openings-a-year = { $count } al año
careers-broad-group = Estas cifras son del grupo más amplio “{ $group }”, que incluye esta ocupación.
careers-source = Fuente:
careers-related-heading = Carreras relacionadas
careers-clusters-heading = Grupos y trayectorias de carreras
careers-back-to-student = Volver a la página del estudiante
careers-saved-by = Carreras guardadas por { $name }
careers-retired = La versión actual de O*NET ya no incluye esta ocupación.
careers-note-for = Nota sobre { $title }
careers-note = Nota:
careers-explore = Explorar carreras
careers-see-all = { $count ->
    [one] Ver la carrera guardada
   *[other] Ver las { $count } carreras guardadas
}
access-action-save-careers = Cambió las carreras guardadas
access-resource-careers = carreras guardadas
## Carreras que coinciden (/students/{id}/matches)
matches-title-self = Carreras que coinciden con tus intereses
matches-title-other = Carreras que coinciden con los intereses de { $name }
matches-back-self = Volver a mi página
matches-intro-self = Estas carreras están ordenadas según lo bien que encajan con tus respuestas a la encuesta de intereses que terminaste el { $date }, en el grado { $grade }.
matches-intro-other = Estas carreras están ordenadas según lo bien que encajan con las respuestas de { $name } a la encuesta de intereses terminada el { $date }, en el grado { $grade }.
matches-top-self = Tus puntuaciones más altas son en { $types }.
matches-top-other = Las puntuaciones más altas de { $name } son en { $types }.
matches-values-used = También cuentan tus valores de trabajo, de la encuesta de valores terminada el { $date }: en las carreras que O*NET califica según valores de trabajo, una cuarta parte de la coincidencia viene de ellos.
matches-values-unused = La encuesta de valores de trabajo terminada el { $date } no cuenta aquí: los datos de carreras cargados no califican valores de trabajo.
matches-values-none-self = Termina la encuesta de valores de trabajo y tus valores también contarán en tus coincidencias.
matches-values-none-other = { $name } no ha terminado la encuesta de valores de trabajo, así que las coincidencias usan solo los intereses.
matches-empty-heading = No hay coincidencias que mostrar
matches-no-inventory-self = Todavía no has terminado la encuesta de intereses. Hazla y esta página te mostrará las carreras que coinciden con tus intereses.
matches-no-inventory-other = { $name } todavía no ha terminado la encuesta de intereses, así que no hay coincidencias que mostrar.
matches-incomplete-self = Tu última encuesta de intereses tiene un área sin puntuación (muy pocas respuestas), así que no se pueden buscar coincidencias. Vuelve a hacer la encuesta para ver tus coincidencias.
matches-incomplete-other = La última encuesta de intereses de { $name } tiene un área sin puntuación (muy pocas respuestas), así que no se pueden buscar coincidencias.
matches-flat-self = Tus seis puntuaciones de intereses son iguales, así que no hay un patrón que comparar con las carreras y no se puede hacer una clasificación. Vuelve a hacer la encuesta de intereses y elige las respuestas que mejor te describan: lo que te gusta más y lo que te gusta menos es lo que muestra qué carreras te van.
matches-flat-other = Las seis puntuaciones de intereses de { $name } son iguales, así que no hay un patrón que comparar con las carreras y no se puede hacer una clasificación. Volver a hacer la encuesta de intereses ayudaría.
matches-take-survey = Hacer la encuesta de intereses
matches-retake = Volver a hacer la encuesta de intereses
matches-see-surveys = Ver las encuestas
matches-filters = Filtrar las coincidencias
matches-filter-button = Mostrar coincidencias
matches-showing = Se muestran { $shown } de { $total } carreras que coinciden, de mayor a menor coincidencia.
matches-none-filtered = Ninguna carrera cumple estos filtros.
matches-clear-filters = Mostrar todas las coincidencias
matches-show-more = Mostrar { $count } más
matches-fit = Coincidencia: { $fit } de 100
matches-reason-self = Tienes puntuaciones altas en { $student }; esta carrera es sobre todo { $career }.
matches-reason-other = { $name } tiene puntuaciones altas en { $student }; esta carrera es sobre todo { $career }.
matches-shared = En común: { $types }.
matches-shared-none = Ninguna área principal en común: la coincidencia viene del patrón de las demás puntuaciones.
matches-with-values = Se tuvieron en cuenta los valores de trabajo.
matches-saved = Está en tu lista
matches-save = Guardar
matches-save-rest = { $title } en mis carreras
matches-how-heading = Cómo se buscan las coincidencias
matches-how-1 = La encuesta de intereses da una puntuación de 0 a 100 en seis tipos de trabajo: Realista, Investigador, Artístico, Social, Emprendedor y Convencional. O*NET, la base de datos de ocupaciones del Departamento de Trabajo de EE. UU., califica cada carrera en los mismos seis tipos, de 1 a 7.
matches-how-2 = La coincidencia compara el patrón de las dos: qué tipos están altos y cuáles bajos. No depende de lo altas que sean las puntuaciones en general. Una coincidencia de 100 significa el mismo patrón, 50 significa que no hay relación y menos de 50, patrones opuestos.
matches-how-3 = Si también está terminada la encuesta de valores de trabajo, los valores cuentan una cuarta parte de la coincidencia de cada carrera que O*NET califica según valores de trabajo, y los intereses, tres cuartas partes.
matches-how-4 = Una coincidencia es un punto de partida para explorar, no un consejo sobre qué hacer. Los intereses cambian: después de una nueva encuesta de intereses, las coincidencias cambian con ella.
matches-link-self = Ver carreras que coinciden con mis intereses
matches-link-other = Ver las carreras que coinciden con sus intereses
access-resource-career-matches = coincidencias de carreras
