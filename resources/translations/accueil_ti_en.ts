<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="fr_FR">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../app/ui/about_dialog.py" line="25"/>
        <location filename="../../app/ui/about_dialog.py" line="26"/>
        <source>À propos d’Accueil TI</source>
        <translation>About Accueil TI</translation>
    </message>
    <message>
        <location filename="../../app/ui/about_dialog.py" line="29"/>
        <source>Accueil TI version %s</source>
        <translation>Accueil TI version %s</translation>
    </message>
    <message>
        <location filename="../../app/ui/about_dialog.py" line="30"/>
        <source>Accueil des travailleurs indépendants en difficulté (dispositif Help !)</source>
        <translation>Reception of self-employed workers in difficulty (Help! scheme)</translation>
    </message>
    <message>
        <location filename="../../app/ui/about_dialog.py" line="33"/>
        <source>Objet de l’application</source>
        <translation>Purpose of the application</translation>
    </message>
    <message>
        <location filename="../../app/ui/about_dialog.py" line="36"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../app/ui/about_dialog.py" line="37"/>
        <source>Questionnaire</source>
        <translation>Questionnaire</translation>
    </message>
    <message>
        <location filename="../../app/ui/about_dialog.py" line="38"/>
        <source>Dossier de données</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <location filename="../../app/ui/about_dialog.py" line="41"/>
        <source>Poste de travail</source>
        <translation>Workstation</translation>
    </message>
    <message>
        <location filename="../../app/ui/about_dialog.py" line="42"/>
        <source>Qt</source>
        <translation>Qt</translation>
    </message>
    <message>
        <location filename="../../app/ui/about_dialog.py" line="50"/>
        <source>Version, questionnaire et dossier de données</source>
        <translation>Version, questionnaire and data folder</translation>
    </message>
    <message>
        <location filename="../../app/ui/about_dialog.py" line="54"/>
        <source>&lt;b&gt;Licences&lt;/b&gt;&lt;br&gt;Qt et PySide6 : GNU LGPL version 3 (The Qt Company).&lt;br&gt;Polices DejaVu : licence libre DejaVu (dérivée de la licence Bitstream Vera), fournies avec l’application.&lt;br&gt;SQLCipher, SQLAlchemy, Alembic, ReportLab : licences BSD, MIT et apparentées.</source>
        <translation>&lt;b&gt;Licenses&lt;/b&gt;&lt;br&gt;Qt and PySide6: GNU LGPL version 3 (The Qt Company).&lt;br&gt;DejaVu fonts: DejaVu free license (derived from the Bitstream Vera license), shipped with the application.&lt;br&gt;SQLCipher, SQLAlchemy, Alembic, ReportLab: BSD, MIT and similar licenses.</translation>
    </message>
    <message>
        <location filename="../../app/ui/about_dialog.py" line="61"/>
        <source>Licences</source>
        <translation>Licenses</translation>
    </message>
    <message>
        <location filename="../../app/ui/about_dialog.py" line="66"/>
        <location filename="../../app/ui/about_dialog.py" line="67"/>
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>AgendaDialog</name>
    <message>
        <location filename="../../app/ui/agenda.py" line="467"/>
        <source>&amp;Fermer</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <location filename="../../app/ui/agenda.py" line="469"/>
        <source>Fermer l’agenda</source>
        <translation>Close the agenda</translation>
    </message>
</context>
<context>
    <name>AgendaModel</name>
    <message>
        <location filename="../../app/ui/agenda.py" line="132"/>
        <source>Heure</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../app/ui/agenda.py" line="133"/>
        <source>Quoi</source>
        <translation>What</translation>
    </message>
    <message>
        <location filename="../../app/ui/agenda.py" line="134"/>
        <source>N° de dossier</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/agenda.py" line="135"/>
        <source>Personne</source>
        <translation>Person</translation>
    </message>
    <message>
        <location filename="../../app/ui/agenda.py" line="136"/>
        <source>Téléphone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../app/ui/agenda.py" line="137"/>
        <source>Mode et lieu</source>
        <translation>Mode and place</translation>
    </message>
    <message>
        <location filename="../../app/ui/agenda.py" line="138"/>
        <source>Avec</source>
        <translation>With</translation>
    </message>
    <message>
        <location filename="../../app/ui/agenda.py" line="139"/>
        <source>Statut</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/agenda.py" line="180"/>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/agenda.py" line="183"/>
        <source>Rappel du guichet</source>
        <translation>Counter call-back</translation>
    </message>
    <message>
        <location filename="../../app/ui/agenda.py" line="185"/>
        <source>Rendez-vous %1</source>
        <translation>Appointment %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/agenda.py" line="194"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
</context>
<context>
    <name>AgendaView</name>
    <message>
        <location filename="../../app/ui/agenda.py" line="241"/>
        <source>Agenda</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <location filename="../../app/ui/agenda.py" line="251"/>
        <source>◀ Jour &amp;précédent</source>
        <translation>◀ &amp;Previous day</translation>
    </message>
    <message>
        <location filename="../../app/ui/agenda.py" line="253"/>
        <source>Jour précédent</source>
        <translation>Previous day</translation>
    </message>
    <message>
        <location filename="../../app/ui/agenda.py" line="254"/>
        <source>Le jour précédent (flèche gauche dans la liste)</source>
        <translation>The previous day (left arrow in the list)</translation>
    </message>
    <message>
        <location filename="../../app/ui/agenda.py" line="255"/>
        <source>Au&amp;jourd’hui</source>
        <translation>&amp;Today</translation>
    </message>
    <message>
        <location filename="../../app/ui/agenda.py" line="257"/>
        <source>Aujourd’hui</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../app/ui/agenda.py" line="258"/>
        <source>Revenir à aujourd’hui (T dans la liste)</source>
        <translation>Back to today (T in the list)</translation>
    </message>
    <message>
        <location filename="../../app/ui/agenda.py" line="259"/>
        <source>Jour &amp;suivant ▶</source>
        <translation>&amp;Next day ▶</translation>
    </message>
    <message>
        <location filename="../../app/ui/agenda.py" line="261"/>
        <source>Jour suivant</source>
        <translation>Next day</translation>
    </message>
    <message>
        <location filename="../../app/ui/agenda.py" line="262"/>
        <source>Le jour suivant (flèche droite dans la liste)</source>
        <translation>The next day (right arrow in the list)</translation>
    </message>
    <message>
        <location filename="../../app/ui/agenda.py" line="265"/>
        <source>Jour affiché</source>
        <translation>Day shown</translation>
    </message>
    <message>
        <location filename="../../app/ui/agenda.py" line="272"/>
        <source>Aller au jour</source>
        <translation>Go to day</translation>
    </message>
    <message>
        <location filename="../../app/ui/agenda.py" line="275"/>
        <source>&amp;Aller au :</source>
        <translation>&amp;Go to:</translation>
    </message>
    <message>
        <location filename="../../app/ui/agenda.py" line="290"/>
        <source>Rappels et rendez-vous du jour</source>
        <translation>The day’s call-backs and appointments</translation>
    </message>
    <message>
        <location filename="../../app/ui/agenda.py" line="292"/>
        <source>Flèches gauche et droite : jour précédent et suivant ; T : aujourd’hui ; Entrée : ouvrir le dossier.</source>
        <translation>Left and right arrows: previous and next day; T: today; Enter: open the case.</translation>
    </message>
    <message>
        <location filename="../../app/ui/agenda.py" line="312"/>
        <source>État de l’agenda</source>
        <translation>Agenda status</translation>
    </message>
    <message>
        <location filename="../../app/ui/agenda.py" line="315"/>
        <source>← → : jour précédent ou suivant · T : aujourd’hui · Entrée : ouvrir le dossier</source>
        <translation>← →: previous or next day · T: today · Enter: open the case</translation>
    </message>
    <message>
        <location filename="../../app/ui/agenda.py" line="356"/>
        <source>Lecture…</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <location filename="../../app/ui/agenda.py" line="378"/>
        <source>Rendez-vous Assurance retraite</source>
        <translation>Assurance retraite appointment</translation>
    </message>
    <message>
        <location filename="../../app/ui/agenda.py" line="393"/>
        <source>%1 (aujourd’hui)</source>
        <translation>%1 (today)</translation>
    </message>
    <message>
        <location filename="../../app/ui/agenda.py" line="410"/>
        <source>Aucun rappel ni rendez-vous ce jour.</source>
        <translation>No call-backs or appointments on this day.</translation>
    </message>
    <message>
        <location filename="../../app/ui/agenda.py" line="412"/>
        <source>1 rappel ou rendez-vous ce jour.</source>
        <translation>1 call-back or appointment on this day.</translation>
    </message>
    <message>
        <location filename="../../app/ui/agenda.py" line="414"/>
        <source>%1 rappels et rendez-vous ce jour.</source>
        <translation>%1 call-backs and appointments on this day.</translation>
    </message>
    <message>
        <location filename="../../app/ui/agenda.py" line="416"/>
        <source>Rappels et rendez-vous du %1</source>
        <translation>Call-backs and appointments on %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/agenda.py" line="428"/>
        <source>L’agenda n’a pas pu être lu : %1</source>
        <translation>The agenda could not be read: %1</translation>
    </message>
</context>
<context>
    <name>AnswerDialog</name>
    <message>
        <location filename="../../app/ui/correction_dialog.py" line="362"/>
        <source>Modifier une réponse</source>
        <translation>Change an answer</translation>
    </message>
    <message>
        <location filename="../../app/ui/correction_dialog.py" line="363"/>
        <source>Modifier une réponse au questionnaire</source>
        <translation>Change an answer of the questionnaire</translation>
    </message>
    <message>
        <location filename="../../app/ui/correction_dialog.py" line="371"/>
        <source>Question</source>
        <translation>Question</translation>
    </message>
    <message>
        <location filename="../../app/ui/correction_dialog.py" line="377"/>
        <source>&amp;Question :</source>
        <translation>&amp;Question:</translation>
    </message>
    <message>
        <location filename="../../app/ui/correction_dialog.py" line="383"/>
        <source>Réponse enregistrée</source>
        <translation>Recorded answer</translation>
    </message>
    <message>
        <location filename="../../app/ui/correction_dialog.py" line="384"/>
        <source>Réponse enregistrée :</source>
        <translation>Recorded answer:</translation>
    </message>
    <message>
        <location filename="../../app/ui/correction_dialog.py" line="387"/>
        <source>Nouvelle réponse</source>
        <translation>New answer</translation>
    </message>
    <message>
        <location filename="../../app/ui/correction_dialog.py" line="388"/>
        <source>&amp;Nouvelle réponse :</source>
        <translation>&amp;New answer:</translation>
    </message>
    <message>
        <location filename="../../app/ui/correction_dialog.py" line="399"/>
        <source>&amp;Motif du changement :</source>
        <translation>&amp;Reason for the change:</translation>
    </message>
    <message>
        <location filename="../../app/ui/correction_dialog.py" line="400"/>
        <source>&amp;Enregistrer la réponse</source>
        <translation>&amp;Save the answer</translation>
    </message>
    <message>
        <location filename="../../app/ui/correction_dialog.py" line="425"/>
        <source>Pas encore de réponse</source>
        <translation>Not answered yet</translation>
    </message>
    <message>
        <location filename="../../app/ui/correction_dialog.py" line="437"/>
        <source>La réponse n’a pas changé.</source>
        <translation>The answer has not changed.</translation>
    </message>
</context>
<context>
    <name>AppointmentDialog</name>
    <message>
        <location filename="../../app/ui/appointment_dialog.py" line="87"/>
        <source>Attention : le %1 est un jour férié (%2).</source>
        <translation>Warning: %1 is a public holiday (%2).</translation>
    </message>
    <message>
        <location filename="../../app/ui/appointment_dialog.py" line="95"/>
        <source>samedi</source>
        <translation>Saturday</translation>
    </message>
    <message>
        <location filename="../../app/ui/appointment_dialog.py" line="97"/>
        <source>dimanche</source>
        <translation>Sunday</translation>
    </message>
    <message>
        <location filename="../../app/ui/appointment_dialog.py" line="100"/>
        <source>Attention : le %1 est un %2.</source>
        <translation>Warning: %1 is a %2.</translation>
    </message>
    <message>
        <location filename="../../app/ui/appointment_dialog.py" line="161"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../app/ui/appointment_dialog.py" line="166"/>
        <source>Heure</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../app/ui/appointment_dialog.py" line="176"/>
        <source>Erreur</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../app/ui/appointment_dialog.py" line="179"/>
        <source>&amp;Annuler</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/appointment_dialog.py" line="180"/>
        <source>Annuler sans rien enregistrer</source>
        <translation>Cancel without saving anything</translation>
    </message>
    <message>
        <location filename="../../app/ui/appointment_dialog.py" line="244"/>
        <source>Date et heure : choisissez un moment à venir (après le %1).</source>
        <translation>Date and time: choose a future time (after %1).</translation>
    </message>
    <message>
        <location filename="../../app/ui/appointment_dialog.py" line="254"/>
        <source>%1 : %2 caractères au plus (%3 saisis).</source>
        <translation>%1: %2 characters at most (%3 entered).</translation>
    </message>
    <message>
        <location filename="../../app/ui/appointment_dialog.py" line="350"/>
        <source>Rendez-vous avec la personne</source>
        <translation>Appointment with the person</translation>
    </message>
    <message>
        <location filename="../../app/ui/appointment_dialog.py" line="351"/>
        <source>&amp;Enregistrer le rendez-vous</source>
        <translation>&amp;Save the appointment</translation>
    </message>
    <message>
        <location filename="../../app/ui/appointment_dialog.py" line="362"/>
        <source>Rendez-vous %1 avec %2</source>
        <translation>Appointment %1 with %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/appointment_dialog.py" line="366"/>
        <source>Rendez-vous %1</source>
        <translation>Appointment %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/appointment_dialog.py" line="372"/>
        <source>Rendez-vous à saisir</source>
        <translation>Appointment to enter</translation>
    </message>
    <message>
        <location filename="../../app/ui/appointment_dialog.py" line="373"/>
        <source>Nouveau rendez-vous</source>
        <translation>New appointment</translation>
    </message>
    <message>
        <location filename="../../app/ui/appointment_dialog.py" line="376"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/appointment_dialog.py" line="383"/>
        <source>&amp;Rendez-vous :</source>
        <translation>&amp;Appointment:</translation>
    </message>
    <message>
        <location filename="../../app/ui/appointment_dialog.py" line="385"/>
        <source>&amp;Date :</source>
        <translation>&amp;Date:</translation>
    </message>
    <message>
        <location filename="../../app/ui/appointment_dialog.py" line="387"/>
        <source>&amp;Heure :</source>
        <translation>&amp;Time:</translation>
    </message>
    <message>
        <location filename="../../app/ui/appointment_dialog.py" line="390"/>
        <source>Durée en minutes</source>
        <translation>Duration in minutes</translation>
    </message>
    <message>
        <location filename="../../app/ui/appointment_dialog.py" line="393"/>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../../app/ui/appointment_dialog.py" line="394"/>
        <source>D&amp;urée :</source>
        <translation>D&amp;uration:</translation>
    </message>
    <message>
        <location filename="../../app/ui/appointment_dialog.py" line="397"/>
        <source>Mode du rendez-vous</source>
        <translation>Appointment mode</translation>
    </message>
    <message>
        <location filename="../../app/ui/appointment_dialog.py" line="400"/>
        <source>&amp;Mode :</source>
        <translation>&amp;Mode:</translation>
    </message>
    <message>
        <location filename="../../app/ui/appointment_dialog.py" line="403"/>
        <source>Lieu, numéro ou lien</source>
        <translation>Place, number or link</translation>
    </message>
    <message>
        <location filename="../../app/ui/appointment_dialog.py" line="405"/>
        <location filename="../../app/ui/appointment_dialog.py" line="518"/>
        <source>&amp;Lieu :</source>
        <translation>&amp;Place:</translation>
    </message>
    <message>
        <location filename="../../app/ui/appointment_dialog.py" line="408"/>
        <location filename="../../app/ui/appointment_dialog.py" line="479"/>
        <source>À apporter</source>
        <translation>To bring</translation>
    </message>
    <message>
        <location filename="../../app/ui/appointment_dialog.py" line="409"/>
        <source>Pièces à apporter, une par ligne</source>
        <translation>Documents to bring, one per line</translation>
    </message>
    <message>
        <location filename="../../app/ui/appointment_dialog.py" line="410"/>
        <source>À a&amp;pporter :</source>
        <translation>To b&amp;ring:</translation>
    </message>
    <message>
        <location filename="../../app/ui/appointment_dialog.py" line="413"/>
        <source>Reçu par</source>
        <translation>Seen by</translation>
    </message>
    <message>
        <location filename="../../app/ui/appointment_dialog.py" line="415"/>
        <source>Re&amp;çu par :</source>
        <translation>Seen &amp;by:</translation>
    </message>
    <message>
        <location filename="../../app/ui/appointment_dialog.py" line="418"/>
        <source>Statut du rendez-vous</source>
        <translation>Appointment status</translation>
    </message>
    <message>
        <location filename="../../app/ui/appointment_dialog.py" line="421"/>
        <source>&amp;Statut :</source>
        <translation>&amp;Status:</translation>
    </message>
    <message>
        <location filename="../../app/ui/appointment_dialog.py" line="469"/>
        <source>Lieu : indiquez l’adresse de l’agence où la personne est reçue.</source>
        <translation>Place: enter the address of the office where the person will be seen.</translation>
    </message>
    <message>
        <location filename="../../app/ui/appointment_dialog.py" line="471"/>
        <source>Lien : indiquez le lien de la visioconférence.</source>
        <translation>Link: enter the video call link.</translation>
    </message>
    <message>
        <location filename="../../app/ui/appointment_dialog.py" line="474"/>
        <source>Reçu par : indiquez qui recevra ou appellera la personne.</source>
        <translation>Seen by: enter who will see or call the person.</translation>
    </message>
    <message>
        <location filename="../../app/ui/appointment_dialog.py" line="478"/>
        <source>Un rendez-vous passé est « Fait » ou « Annulé ».</source>
        <translation>A past appointment is “Done” or “Cancelled”.</translation>
    </message>
    <message>
        <location filename="../../app/ui/appointment_dialog.py" line="519"/>
        <source>Adresse de l’agence</source>
        <translation>Office address</translation>
    </message>
    <message>
        <location filename="../../app/ui/appointment_dialog.py" line="521"/>
        <source>&amp;Lien :</source>
        <translation>&amp;Link:</translation>
    </message>
    <message>
        <location filename="../../app/ui/appointment_dialog.py" line="522"/>
        <source>Lien de la visioconférence</source>
        <translation>Video call link</translation>
    </message>
    <message>
        <location filename="../../app/ui/appointment_dialog.py" line="524"/>
        <source>&amp;Numéro :</source>
        <translation>&amp;Number:</translation>
    </message>
    <message>
        <location filename="../../app/ui/appointment_dialog.py" line="526"/>
        <source>Facultatif : le numéro d’où l’organisme appellera</source>
        <translation>Optional: the number the agency will call from</translation>
    </message>
    <message>
        <location filename="../../app/ui/appointment_dialog.py" line="533"/>
        <source>Proposé : la personne doit encore le confirmer.</source>
        <translation>Proposed: the person has yet to confirm it.</translation>
    </message>
    <message>
        <location filename="../../app/ui/appointment_dialog.py" line="535"/>
        <source>Fixé : convenu avec la personne ; le guichet peut imprimer la convocation.</source>
        <translation>Confirmed: agreed with the person; the counter can print the appointment letter.</translation>
    </message>
    <message>
        <location filename="../../app/ui/appointment_dialog.py" line="537"/>
        <source>Fait : le rendez-vous a eu lieu.</source>
        <translation>Done: the appointment took place.</translation>
    </message>
    <message>
        <location filename="../../app/ui/appointment_dialog.py" line="538"/>
        <source>Annulé : le rendez-vous n’aura pas lieu.</source>
        <translation>Cancelled: the appointment will not take place.</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <location filename="../../app/ui/audit_dialog.py" line="55"/>
        <source>Dossier (numéro ou identifiant)</source>
        <translation>Case (number or id)</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_dialog.py" line="56"/>
        <source>&amp;Dossier :</source>
        <translation>&amp;Case:</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_dialog.py" line="49"/>
        <source>Journal d’audit du serveur central</source>
        <translation>Central server audit log</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_dialog.py" line="59"/>
        <source>Identifiant de l’agent</source>
        <translation>Agent&apos;s login</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_dialog.py" line="60"/>
        <source>A&amp;gent :</source>
        <translation>A&amp;gent:</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_dialog.py" line="63"/>
        <location filename="../../app/ui/audit_dialog.py" line="104"/>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_dialog.py" line="64"/>
        <source>Action exacte, ou début suivi de * (partner_*)</source>
        <translation>Exact action, or its beginning followed by * (partner_*)</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_dialog.py" line="65"/>
        <source>A&amp;ction :</source>
        <translation>A&amp;ction:</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_dialog.py" line="68"/>
        <source>&amp;Depuis le</source>
        <translation>&amp;From</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_dialog.py" line="73"/>
        <source>Depuis le</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_dialog.py" line="74"/>
        <source>&amp;Jusqu’au</source>
        <translation>&amp;Until</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_dialog.py" line="79"/>
        <source>Jusqu’au</source>
        <translation>Until</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_dialog.py" line="102"/>
        <source>Lignes du journal d’audit</source>
        <translation>Audit log rows</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_dialog.py" line="116"/>
        <source>État de la recherche</source>
        <translation>Search status</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_dialog.py" line="161"/>
        <source>Le journal d’audit est réservé aux comptes administrateurs connectés.</source>
        <translation>The audit log is for signed-in administrator accounts only.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/audit_dialog.py" line="177"/>
        <source>%n ligne affichée.</source>
        <translation>
            <numerusform>%n row shown.</numerusform>
            <numerusform>%n rows shown.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/audit_dialog.py" line="178"/>
        <source>%n lignes affichées.</source>
        <translation>
            <numerusform>%n row shown.</numerusform>
            <numerusform>%n rows shown.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_dialog.py" line="83"/>
        <source>Dates :</source>
        <translation>Dates:</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_dialog.py" line="87"/>
        <source>&amp;Rechercher</source>
        <translation>&amp;Search</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_dialog.py" line="91"/>
        <source>&amp;Plus anciens</source>
        <translation>&amp;Older</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_dialog.py" line="104"/>
        <source>N°</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_dialog.py" line="104"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_dialog.py" line="104"/>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_dialog.py" line="105"/>
        <source>Dossier</source>
        <translation>Case</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_dialog.py" line="105"/>
        <source>Détail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_dialog.py" line="164"/>
        <source>Le serveur central ne répond pas : réessayez plus tard.</source>
        <translation>The central server does not answer: try again later.</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit_dialog.py" line="166"/>
        <source>Le serveur central a refusé la recherche : %1</source>
        <translation>The central server refused the search: %1</translation>
    </message>
</context>
<context>
    <name>CallListModel</name>
    <message>
        <location filename="../../app/ui/call_list.py" line="183"/>
        <source>Personne</source>
        <translation>Person</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="184"/>
        <source>SIRET ou NIR</source>
        <translation>SIRET or NIR</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="185"/>
        <source>Signalements</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="186"/>
        <source>Dernier appel</source>
        <translation>Last call</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="187"/>
        <source>État</source>
        <translation>State</translation>
    </message>
</context>
<context>
    <name>CallListPage</name>
    <message>
        <location filename="../../app/ui/call_list.py" line="497"/>
        <location filename="../../app/ui/call_list.py" line="534"/>
        <source>Liste d’appels</source>
        <translation>Call list</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="540"/>
        <source>Afficher aussi les appels &amp;terminés</source>
        <translation>Also show &amp;completed calls</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="542"/>
        <source>Afficher aussi les appels terminés</source>
        <translation>Also show completed calls</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="543"/>
        <source>Les personnes jointes, les refus et les personnes déjà accompagnées, en fin de liste</source>
        <translation>People reached, refusals and people already supported, at the end of the list</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="546"/>
        <source>&amp;Importer des signalements…</source>
        <translation>&amp;Import reports…</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="547"/>
        <source>Lire un fichier CSV de signalements des partenaires</source>
        <translation>Read a CSV file of partners’ reports</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="548"/>
        <source>Retour aux dossiers (Échap)</source>
        <translation>Back to the cases (Esc)</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="549"/>
        <source>Revenir à la liste des dossiers</source>
        <translation>Back to the case list</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="564"/>
        <source>Détail de l’entrée</source>
        <translation>Entry details</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="578"/>
        <source>Appel en cours</source>
        <translation>Call in progress</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="592"/>
        <source>Note de l’appel</source>
        <translation>Call note</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="593"/>
        <source>facultative, enregistrée avec le résultat</source>
        <translation>optional, saved with the outcome</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="595"/>
        <source>N&amp;ote :</source>
        <translation>N&amp;ote:</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="602"/>
        <source>Prendre le suivant (N)</source>
        <translation>Take the next (N)</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="603"/>
        <source>Prendre la première entrée de la liste (N)</source>
        <translation>Take the first entry in the list (N)</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="605"/>
        <source>Prendre l’entrée choisie (T)</source>
        <translation>Take the chosen entry (T)</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="606"/>
        <source>Prendre l’entrée sélectionnée dans la liste, par exemple quand la personne rappelle (T)</source>
        <translation>Take the entry selected in the list, for example when the person calls back (T)</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="608"/>
        <source>Libérer (Échap)</source>
        <translation>Release (Esc)</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="609"/>
        <source>Rendre l’entrée aux autres postes sans noter d’appel (Échap)</source>
        <translation>Give the entry back to the other workstations without recording a call (Esc)</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="613"/>
        <source>Joint (J)</source>
        <translation>Reached (J)</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="614"/>
        <source>Injoignable (I)</source>
        <translation>Unreachable (I)</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="615"/>
        <source>Rappel demandé (R)</source>
        <translation>Call-back requested (R)</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="616"/>
        <source>Refus (F)</source>
        <translation>Refused (F)</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="617"/>
        <source>Déjà accompagné (D)</source>
        <translation>Already supported (D)</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="620"/>
        <source>Noter le résultat de l’appel : %1 (%2)</source>
        <translation>Record the call outcome: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="622"/>
        <source>Ouvrir le dossier (Entrée)</source>
        <translation>Open the case (Enter)</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="623"/>
        <source>Ouvrir le dossier de la personne jointe, identité déjà remplie (Entrée)</source>
        <translation>Open the case of the person reached, identity already filled in (Enter)</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="625"/>
        <source>Imprimer le courrier (P)</source>
        <translation>Print the letter (P)</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="626"/>
        <source>Après trois appels sans réponse : le courrier qui invite la personne à appeler (P)</source>
        <translation>After three unanswered calls: the letter inviting the person to call (P)</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="642"/>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="645"/>
        <source>N : prendre le suivant · J joint, I injoignable, R rappel demandé, F refus, D déjà accompagné · Entrée : ouvrir le dossier · Échap : libérer</source>
        <translation>N: take the next · J reached, I unreachable, R call-back requested, F refused, D already supported · Enter: open the case · Esc: release</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="651"/>
        <source>Chiffres de la liste d’appels</source>
        <translation>Call list figures</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="770"/>
        <source>Dossier ouvert pour « %1 ». N : entrée suivante.</source>
        <translation>Case opened for “%1”. N: next entry.</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="781"/>
        <source>Recherche de l’entrée suivante…</source>
        <translation>Looking for the next entry…</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="789"/>
        <source>Cet appel est terminé : il n’y a plus rien à noter.</source>
        <translation>This call is over: there is nothing left to record.</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="847"/>
        <source>Le courrier n’est pas disponible sur ce poste.</source>
        <translation>The letter is not available on this workstation.</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="898"/>
        <source>Aucun appel en cours : N prend l’entrée suivante de la liste.</source>
        <translation>No call in progress: N takes the next entry in the list.</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="906"/>
        <source>pris par ce poste jusqu’à %1</source>
        <translation>taken by this workstation until %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="910"/>
        <source>Appel en cours : %1</source>
        <translation>Call in progress: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="955"/>
        <source>La réservation de « %1 » a pris fin : l’entrée est rendue à la liste.</source>
        <translation>The hold on “%1” has ended: the entry is returned to the list.</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="966"/>
        <source>La liste d’appels n’a pas pu être lue : %1</source>
        <translation>The call list could not be read: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="974"/>
        <source>%1 entrée</source>
        <translation>%1 entry</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="974"/>
        <source>%1 entrées</source>
        <translation>%1 entries</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="975"/>
        <source>%1 personne jointe</source>
        <translation>%1 person reached</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="976"/>
        <source>%1 personnes jointes</source>
        <translation>%1 people reached</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="977"/>
        <source>%1 dossier ouvert</source>
        <translation>%1 case opened</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="978"/>
        <source>%1 dossiers ouverts</source>
        <translation>%1 cases opened</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="979"/>
        <source>%1 refus</source>
        <translation>%1 refused</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="980"/>
        <source>Liste d’appels : %1</source>
        <translation>Call list: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="985"/>
        <source>Personne à appeler pour l’instant : toutes les entrées sont prises, terminées ou à rappeler plus tard.</source>
        <translation>Nobody to call for now: all entries are taken, completed or to be called back later.</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="991"/>
        <source>À appeler : %1%2</source>
        <translation>To call: %1%2</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="992"/>
        <source> au %1</source>
        <translation> to %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="999"/>
        <source>« %1 » est rendu à la liste, sans appel noté.</source>
        <translation>“%1” is returned to the list, with no call recorded.</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="1009"/>
        <source>« %1 » noté pour %2. Entrée : ouvrir son dossier.</source>
        <translation>“%1” recorded for %2. Enter: open their case.</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="1011"/>
        <source>« %1 » noté pour %2 : trois appels sans réponse, un courrier est proposé (P pour l’imprimer). N : entrée suivante.</source>
        <translation>“%1” recorded for %2: three unanswered calls, a letter is suggested (P to print it). N: next entry.</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="1014"/>
        <source>« %1 » noté pour %2 : rappel le %3. N : entrée suivante.</source>
        <translation>“%1” recorded for %2: call-back on %3. N: next entry.</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="1017"/>
        <source>« %1 » noté pour %2. N : entrée suivante.</source>
        <translation>“%1” recorded for %2. N: next entry.</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="1037"/>
        <source>Cette personne est déjà appelée : %1.</source>
        <translation>This person is already being called: %1.</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="1040"/>
        <source>Le serveur central n’a pas accordé cette entrée : %1</source>
        <translation>The central server did not grant this entry: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="1042"/>
        <source>N : prendre la suivante.</source>
        <translation>N: take the next one.</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="1048"/>
        <source>Le serveur central ne répond pas. La liste d’appels est partagée entre les postes du site : sans lui, aucune nouvelle entrée ne peut être prise (un autre poste appelle peut-être la même personne). Une entrée déjà prise par ce poste reste utilisable jusqu’à la fin de sa réservation.</source>
        <translation>The central server does not answer. The call list is shared between the site’s workstations: without it, no new entry can be taken (another workstation may be calling the same person). An entry already taken by this workstation stays usable until its hold ends.</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="1053"/>
        <source>Le serveur central ne répond pas et la réservation de cette entrée a pris fin : elle ne peut plus être traitée hors ligne.</source>
        <translation>The central server does not answer and the hold on this entry has ended: it can no longer be handled offline.</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="1059"/>
        <source>La réservation de cette entrée a pris fin avant que l’appel soit noté : reprenez-la (T) puis notez l’appel.</source>
        <translation>The hold on this entry ended before the call was recorded: take it again (T), then record the call.</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="1065"/>
        <source>Cette entrée n’existe plus sur ce poste (fusionnée avec une autre) : la liste est relue.</source>
        <translation>This entry no longer exists on this workstation (merged with another): the list is being reloaded.</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="1069"/>
        <source>L’opération n’a pas abouti : %1</source>
        <translation>The operation failed: %1</translation>
    </message>
</context>
<context>
    <name>CallTableView</name>
    <message>
        <location filename="../../app/ui/call_list.py" line="239"/>
        <source>Liste d’appels</source>
        <translation>Call list</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="241"/>
        <source>Les rappels dus en premier, puis les signalements les plus urgents, les montants les plus élevés et les plus anciens. N prend le suivant.</source>
        <translation>Due call-backs first, then the most urgent reports, the highest amounts and the oldest. N takes the next one.</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="254"/>
        <source>En-têtes des colonnes</source>
        <translation>Column headers</translation>
    </message>
</context>
<context>
    <name>CallbackDialog</name>
    <message>
        <location filename="../../app/ui/appointment_dialog.py" line="285"/>
        <source>Programmer un rappel</source>
        <translation>Schedule a call-back</translation>
    </message>
    <message>
        <location filename="../../app/ui/appointment_dialog.py" line="286"/>
        <source>&amp;Programmer le rappel</source>
        <translation>&amp;Schedule the call-back</translation>
    </message>
    <message>
        <location filename="../../app/ui/appointment_dialog.py" line="294"/>
        <source>%1 — téléphone : %2</source>
        <translation>%1 — phone: %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/appointment_dialog.py" line="300"/>
        <source>&amp;Date :</source>
        <translation>&amp;Date:</translation>
    </message>
    <message>
        <location filename="../../app/ui/appointment_dialog.py" line="302"/>
        <source>&amp;Heure :</source>
        <translation>&amp;Time:</translation>
    </message>
    <message>
        <location filename="../../app/ui/appointment_dialog.py" line="305"/>
        <source>Qui rappelle</source>
        <translation>Who calls back</translation>
    </message>
    <message>
        <location filename="../../app/ui/appointment_dialog.py" line="307"/>
        <source>&amp;Qui rappelle :</source>
        <translation>&amp;Who calls back:</translation>
    </message>
    <message>
        <location filename="../../app/ui/appointment_dialog.py" line="308"/>
        <location filename="../../app/ui/appointment_dialog.py" line="331"/>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../app/ui/appointment_dialog.py" line="309"/>
        <source>Ce que la personne attend de l’appel</source>
        <translation>What the person expects from the call</translation>
    </message>
    <message>
        <location filename="../../app/ui/appointment_dialog.py" line="310"/>
        <source>&amp;Note :</source>
        <translation>&amp;Note:</translation>
    </message>
    <message>
        <location filename="../../app/ui/appointment_dialog.py" line="329"/>
        <source>Qui rappelle : indiquez l’agent qui rappellera la personne.</source>
        <translation>Who calls back: enter the agent who will call the person back.</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../../app/ui/conflict_dialog.py" line="131"/>
        <location filename="../../app/ui/conflict_dialog.py" line="132"/>
        <source>Résoudre le conflit de synchronisation</source>
        <translation>Resolve the sync conflict</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflict_dialog.py" line="139"/>
        <source>Dossier en conflit</source>
        <translation>Case in conflict</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflict_dialog.py" line="146"/>
        <source>Ce dossier a été modifié sur ce poste et, entre-temps, sur le serveur central (par un autre poste ou un partenaire). Ce qui n’a changé que d’un côté est déjà fusionné, de même que les consentements (un retrait l’emporte toujours), les suites données par les partenaires et les impressions. Pour chaque information modifiée différemment des deux côtés, choisissez la version à garder : rien n’est choisi d’avance et rien n’est enregistré tant que chaque ligne n’a pas son choix.</source>
        <translation>This case was changed on this workstation and, meanwhile, on the central server (by another workstation or a partner). What changed on one side only is already merged, and so are the consents (a withdrawal always wins), the partners&apos; follow-ups and the prints. For each item changed differently on both sides, choose the version to keep: nothing is chosen in advance and nothing is saved until every line has its choice.</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflict_dialog.py" line="164"/>
        <source>Informations à choisir</source>
        <translation>Items to choose</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflict_dialog.py" line="172"/>
        <source>Choix faits</source>
        <translation>Choices made</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflict_dialog.py" line="176"/>
        <source>Problème</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflict_dialog.py" line="183"/>
        <source>Garder tout ce &amp;poste</source>
        <translation>Keep all of this &amp;workstation</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflict_dialog.py" line="185"/>
        <source>Garder tout ce poste</source>
        <translation>Keep all of this workstation</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflict_dialog.py" line="187"/>
        <source>Choisir la version de ce poste pour chaque ligne (modifiable ensuite)</source>
        <translation>Choose this workstation’s version for every row (can be changed afterwards)</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflict_dialog.py" line="188"/>
        <source>Garder tout le &amp;serveur</source>
        <translation>Keep all of the &amp;server</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflict_dialog.py" line="190"/>
        <source>Garder tout le serveur</source>
        <translation>Keep all of the server</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflict_dialog.py" line="192"/>
        <source>Choisir la version du serveur central pour chaque ligne (modifiable ensuite)</source>
        <translation>Choose the central server’s version for every row (can be changed afterwards)</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflict_dialog.py" line="193"/>
        <location filename="../../app/ui/conflict_dialog.py" line="195"/>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflict_dialog.py" line="196"/>
        <source>Fermer sans rien changer : le conflit reste à résoudre (Échap)</source>
        <translation>Close without changing anything: the conflict stays to be resolved (Esc)</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflict_dialog.py" line="198"/>
        <source>&amp;Enregistrer la fusion</source>
        <translation>&amp;Save the merge</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflict_dialog.py" line="200"/>
        <source>Enregistrer la fusion</source>
        <translation>Save the merge</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflict_dialog.py" line="231"/>
        <source>La version du serveur central de ce dossier n’est pas connue sur ce poste : synchronisez (F5), puis rouvrez ce conflit.</source>
        <translation>The central server’s version of this case is not known on this workstation: sync (F5), then open this conflict again.</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflict_dialog.py" line="235"/>
        <source>Ce conflit a déjà été résolu (dans une autre fenêtre ou par une synchronisation) : il n’y a plus rien à choisir.</source>
        <translation>This conflict has already been resolved (in another window or by a sync): there is nothing left to choose.</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflict_dialog.py" line="244"/>
        <source>Conflit sur le dossier %s — %s</source>
        <translation>Conflict on case %s — %s</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflict_dialog.py" line="271"/>
        <source>Déjà fusionné selon les règles : %s</source>
        <translation>Already merged by the rules: %s</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflict_dialog.py" line="289"/>
        <source>Information</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflict_dialog.py" line="290"/>
        <source>Avant (version commune)</source>
        <translation>Before (common version)</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflict_dialog.py" line="292"/>
        <source>Sur ce poste</source>
        <translation>On this workstation</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflict_dialog.py" line="293"/>
        <source>Sur le serveur central</source>
        <translation>On the central server</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflict_dialog.py" line="301"/>
        <source>%s
(modifié le %s)</source>
        <translation>%s
(changed on %s)</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflict_dialog.py" line="312"/>
        <source>Les deux versions se fusionnent sans choix à faire (les modifications de chaque côté portent sur des informations différentes) : enregistrez pour terminer.</source>
        <translation>The two versions merge with nothing to choose (each side changed different information): save to finish.</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflict_dialog.py" line="362"/>
        <source>inconnue</source>
        <translation>unknown</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflict_dialog.py" line="371"/>
        <source>%s — avant les deux modifications : %s</source>
        <translation>%s — before both changes: %s</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflict_dialog.py" line="390"/>
        <source>ce poste</source>
        <translation>this workstation</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflict_dialog.py" line="390"/>
        <source>serveur central</source>
        <translation>the central server</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflict_dialog.py" line="392"/>
        <source>%s — garder la version de %s : %s</source>
        <translation>%s — keep the version of %s: %s</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflict_dialog.py" line="394"/>
        <source>Garder la version de %s</source>
        <translation>Keep the version of %s</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflict_dialog.py" line="470"/>
        <source>Choix fait : %s sur 1</source>
        <translation>Choices made: %s of 1</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflict_dialog.py" line="472"/>
        <source>Choix faits : %s sur %s</source>
        <translation>Choices made: %s of %s</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflict_dialog.py" line="476"/>
        <source>Enregistrer le dossier fusionné ; il sera envoyé au serveur central à la prochaine synchronisation</source>
        <translation>Save the merged case; it will be sent to the central server at the next sync</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflict_dialog.py" line="478"/>
        <source>Choisissez une version pour chaque ligne d’abord</source>
        <translation>Choose a version for every row first</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflict_dialog.py" line="492"/>
        <source>Conflit de synchronisation</source>
        <translation>Sync conflict</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflict_dialog.py" line="521"/>
        <source>Choisissez une version pour chaque ligne avant d’enregistrer.</source>
        <translation>Choose a version for every row before saving.</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflict_dialog.py" line="533"/>
        <source>Le serveur central a envoyé une nouvelle version de ce dossier pendant votre choix : vérifiez les lignes, puis enregistrez.</source>
        <translation>The central server sent a newer version of this case while you were choosing: check the rows, then save.</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflict_dialog.py" line="540"/>
        <source>Ce conflit a déjà été résolu (dans une autre fenêtre ou par une synchronisation) : rien n’a été modifié ici.</source>
        <translation>This conflict has already been resolved (in another window or by a sync): nothing was changed here.</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflict_dialog.py" line="544"/>
        <source>La version du serveur central de ce dossier n’est pas connue sur ce poste : synchronisez (F5), puis recommencez. Vos choix sont gardés tant que cette fenêtre reste ouverte.</source>
        <translation>The central server’s version of this case is not known on this workstation: sync (F5), then try again. Your choices are kept while this window stays open.</translation>
    </message>
    <message>
        <location filename="../../app/ui/conflict_dialog.py" line="550"/>
        <source>L’enregistrement a échoué (%s) : rien n’a été modifié ; vos choix sont gardés, réessayez.</source>
        <translation>Saving failed (%s): nothing was changed; your choices are kept, try again.</translation>
    </message>
</context>
<context>
    <name>ConsentPage</name>
    <message>
        <location filename="../../app/ui/consent_page.py" line="96"/>
        <source>Consentement</source>
        <translation>Consent</translation>
    </message>
    <message>
        <location filename="../../app/ui/consent_page.py" line="99"/>
        <source>Texte du consentement</source>
        <translation>Consent text</translation>
    </message>
    <message>
        <location filename="../../app/ui/consent_page.py" line="101"/>
        <source>Version du texte</source>
        <translation>Text version</translation>
    </message>
    <message>
        <location filename="../../app/ui/consent_page.py" line="105"/>
        <source>Consigne</source>
        <translation>Instructions</translation>
    </message>
    <message>
        <location filename="../../app/ui/consent_page.py" line="107"/>
        <source>Décision de la personne, organisme par organisme</source>
        <translation>The person’s decision, agency by agency</translation>
    </message>
    <message>
        <location filename="../../app/ui/consent_page.py" line="112"/>
        <source>Mode de recueil</source>
        <translation>Collection method</translation>
    </message>
    <message>
        <location filename="../../app/ui/consent_page.py" line="120"/>
        <source>J’atteste avoir lu ce texte à la personne et recueilli son accord</source>
        <translation>I certify that I read this text to the person and obtained their consent</translation>
    </message>
    <message>
        <location filename="../../app/ui/consent_page.py" line="134"/>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <location filename="../../app/ui/consent_page.py" line="137"/>
        <source>&amp;Valider les choix de la personne (Entrée)</source>
        <translation>&amp;Confirm the person’s choices (Enter)</translation>
    </message>
    <message>
        <location filename="../../app/ui/consent_page.py" line="139"/>
        <source>Valider les choix de la personne</source>
        <translation>Confirm the person’s choices</translation>
    </message>
    <message>
        <location filename="../../app/ui/consent_page.py" line="141"/>
        <source>1…9 : Accepte / Refuse pour la ligne · A : accepte pour tous · Entrée : valider · Échap : quitter</source>
        <translation>1…9: Accepts / Refuses for the row · A: accepts for all · Enter: confirm · Esc: exit</translation>
    </message>
    <message>
        <location filename="../../app/ui/consent_page.py" line="177"/>
        <source>Texte en vigueur : version %1</source>
        <translation>Current text: version %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/consent_page.py" line="231"/>
        <source>Ligne %1</source>
        <translation>Row %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/consent_page.py" line="235"/>
        <source>Accepte</source>
        <translation>Accepts</translation>
    </message>
    <message>
        <location filename="../../app/ui/consent_page.py" line="236"/>
        <source>%1 : accepte</source>
        <translation>%1: accepts</translation>
    </message>
    <message>
        <location filename="../../app/ui/consent_page.py" line="237"/>
        <source>Refuse</source>
        <translation>Refuses</translation>
    </message>
    <message>
        <location filename="../../app/ui/consent_page.py" line="238"/>
        <source>%1 : refuse</source>
        <translation>%1: refuses</translation>
    </message>
    <message>
        <location filename="../../app/ui/consent_page.py" line="244"/>
        <source>État du consentement %1</source>
        <translation>Consent status %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/consent_page.py" line="248"/>
        <location filename="../../app/ui/consent_page.py" line="324"/>
        <source>À demander</source>
        <translation>To ask</translation>
    </message>
    <message>
        <location filename="../../app/ui/consent_page.py" line="249"/>
        <source>Lisez la ligne à la personne et notez sa réponse</source>
        <translation>Read the row to the person and record their answer</translation>
    </message>
    <message>
        <location filename="../../app/ui/consent_page.py" line="252"/>
        <source>Révoqué le %1</source>
        <translation>Revoked on %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/consent_page.py" line="257"/>
        <source>Accepté le %1 (%2)</source>
        <translation>Accepted on %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/consent_page.py" line="260"/>
        <source>Révoquer</source>
        <translation>Revoke</translation>
    </message>
    <message>
        <location filename="../../app/ui/consent_page.py" line="261"/>
        <source>Révoquer le consentement %1</source>
        <translation>Revoke consent %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/consent_page.py" line="268"/>
        <source>Refusé le %1</source>
        <translation>Refused on %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/consent_page.py" line="282"/>
        <source>Aucun organisme à solliciter.</source>
        <translation>No agency to contact.</translation>
    </message>
    <message>
        <location filename="../../app/ui/consent_page.py" line="287"/>
        <source>Lisez chaque ligne à la personne et notez sa réponse : touche du numéro de la ligne (Accepte, puis Refuse), ou « A » si elle accepte pour tous les organismes. Aucune case n’est cochée d’avance.</source>
        <translation>Read each row to the person and record their answer: press the row’s number key (Accepts, then Refuses), or “A” if they accept for all agencies. No box is checked in advance.</translation>
    </message>
    <message>
        <location filename="../../app/ui/consent_page.py" line="291"/>
        <source>Consentements enregistrés. Vous pouvez révoquer un accord ou enregistrer une nouvelle décision.</source>
        <translation>Consents saved. You can revoke a consent or record a new decision.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/consent_page.py" line="298"/>
        <source>%n accepté</source>
        <translation>
            <numerusform>%n accepted</numerusform>
            <numerusform>%n accepted</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/consent_page.py" line="299"/>
        <source>%n acceptés</source>
        <translation>
            <numerusform>%n accepted</numerusform>
            <numerusform>%n accepted</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/consent_page.py" line="300"/>
        <source>%n refusé</source>
        <translation>
            <numerusform>%n refused</numerusform>
            <numerusform>%n refused</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/consent_page.py" line="301"/>
        <source>%n refusés</source>
        <translation>
            <numerusform>%n refused</numerusform>
            <numerusform>%n refused</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/consent_page.py" line="325"/>
        <source>Réponse notée : accepte</source>
        <translation>Answer noted: accepts</translation>
    </message>
    <message>
        <location filename="../../app/ui/consent_page.py" line="326"/>
        <source>Réponse notée : refuse</source>
        <translation>Answer noted: refuses</translation>
    </message>
    <message>
        <location filename="../../app/ui/consent_page.py" line="338"/>
        <source>Notez la réponse de la personne pour chaque organisme (Accepte ou Refuse) : %1.</source>
        <translation>Record the person’s answer for each agency (Accepts or Refuses): %1.</translation>
    </message>
    <message>
        <location filename="../../app/ui/consent_page.py" line="345"/>
        <source>Cochez l’attestation : vous avez lu le texte à la personne et recueilli son accord.</source>
        <translation>Check the certification: you read the text to the person and obtained their consent.</translation>
    </message>
    <message>
        <location filename="../../app/ui/consent_page.py" line="353"/>
        <source>Le consentement n’a pas été enregistré : %1</source>
        <translation>The consent was not saved: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/consent_page.py" line="366"/>
        <source>Révoquer le consentement</source>
        <translation>Revoke consent</translation>
    </message>
    <message>
        <location filename="../../app/ui/consent_page.py" line="367"/>
        <source>Révoquer le consentement donné à %1 ? Cet organisme ne recevra plus d’information sur ce dossier.</source>
        <translation>Revoke the consent given to %1? This agency will no longer receive information about this case.</translation>
    </message>
    <message>
        <location filename="../../app/ui/consent_page.py" line="374"/>
        <source>La révocation n’a pas été enregistrée : %1</source>
        <translation>The revocation was not saved: %1</translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <location filename="../../app/ui/correction_dialog.py" line="152"/>
        <source>obligatoire, ex. nouveau numéro</source>
        <translation>required, e.g. new number</translation>
    </message>
    <message>
        <location filename="../../app/ui/correction_dialog.py" line="154"/>
        <source>Effet sur l’orientation</source>
        <translation>Effect on the orientation</translation>
    </message>
    <message>
        <location filename="../../app/ui/correction_dialog.py" line="158"/>
        <source>Aides qui apparaissent ou disparaissent</source>
        <translation>Aids that appear or disappear</translation>
    </message>
    <message>
        <location filename="../../app/ui/correction_dialog.py" line="162"/>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <location filename="../../app/ui/correction_dialog.py" line="168"/>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/correction_dialog.py" line="202"/>
        <source>Indiquez le motif de la correction : il est gardé dans l’historique du dossier.</source>
        <translation>Give the reason for the correction: it is kept in the case’s history.</translation>
    </message>
    <message>
        <location filename="../../app/ui/correction_dialog.py" line="230"/>
        <source>Corriger l’identité</source>
        <translation>Correct the identity</translation>
    </message>
    <message>
        <location filename="../../app/ui/correction_dialog.py" line="231"/>
        <source>Corriger l’identité, les coordonnées ou l’activité</source>
        <translation>Correct the identity, contact details or activity</translation>
    </message>
    <message>
        <location filename="../../app/ui/correction_dialog.py" line="247"/>
        <source>JJ/MM/AAAA</source>
        <translation>DD/MM/YYYY</translation>
    </message>
    <message>
        <location filename="../../app/ui/correction_dialog.py" line="278"/>
        <source>Oui</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../app/ui/correction_dialog.py" line="279"/>
        <source>Non</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../app/ui/correction_dialog.py" line="293"/>
        <source>Identité, coordonnées et activité</source>
        <translation>Identity, contact details and activity</translation>
    </message>
    <message>
        <location filename="../../app/ui/correction_dialog.py" line="295"/>
        <source>&amp;Motif de la correction :</source>
        <translation>&amp;Reason for the correction:</translation>
    </message>
    <message>
        <location filename="../../app/ui/correction_dialog.py" line="296"/>
        <source>&amp;Enregistrer la correction</source>
        <translation>&amp;Save the correction</translation>
    </message>
    <message>
        <location filename="../../app/ui/correction_dialog.py" line="329"/>
        <source>Aucune modification à enregistrer.</source>
        <translation>Nothing was changed.</translation>
    </message>
</context>
<context>
    <name>CorrectionEffect</name>
    <message>
        <location filename="../../app/ui/correction_dialog.py" line="55"/>
        <source>L’effet sur l’orientation sera affiché quand les valeurs saisies seront valides.</source>
        <translation>The effect on the orientation will show once the values typed are valid.</translation>
    </message>
    <message>
        <location filename="../../app/ui/correction_dialog.py" line="59"/>
        <source>Aucune aide n’apparaît ni ne disparaît : l’orientation ne change pas.</source>
        <translation>No aid appears or disappears: the orientation does not change.</translation>
    </message>
    <message>
        <location filename="../../app/ui/correction_dialog.py" line="65"/>
        <source>&lt;b&gt;Apparaît :&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Appears:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/correction_dialog.py" line="68"/>
        <source>parce que %1</source>
        <translation>because %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/correction_dialog.py" line="72"/>
        <source>&lt;b&gt;Disparaît :&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Disappears:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/correction_dialog.py" line="76"/>
        <source>&lt;b&gt;Le dossier devient urgent.&lt;/b&gt;</source>
        <translation>&lt;b&gt;The case becomes urgent.&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../app/ui/correction_dialog.py" line="79"/>
        <source>&lt;b&gt;Le dossier n’est plus urgent.&lt;/b&gt;</source>
        <translation>&lt;b&gt;The case is no longer urgent.&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <location filename="../../app/ui/dashboard.py" line="65"/>
        <source>Janvier</source>
        <translation>January</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="65"/>
        <source>Février</source>
        <translation>February</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="66"/>
        <source>Mars</source>
        <translation>March</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="66"/>
        <source>Avril</source>
        <translation>April</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="67"/>
        <source>Mai</source>
        <translation>May</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="67"/>
        <source>Juin</source>
        <translation>June</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="68"/>
        <source>Juillet</source>
        <translation>July</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="68"/>
        <source>Août</source>
        <translation>August</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="69"/>
        <source>Septembre</source>
        <translation>September</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="69"/>
        <source>Octobre</source>
        <translation>October</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="70"/>
        <source>Novembre</source>
        <translation>November</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="70"/>
        <source>Décembre</source>
        <translation>December</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="141"/>
        <source>%1ᵉ trimestre %2</source>
        <translation>Q%1 %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="142"/>
        <source>1ᵉʳ trimestre %1</source>
        <translation>Q1 %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="145"/>
        <source>semaine %1 de %2</source>
        <translation>week %1 of %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="147"/>
        <source>année %1</source>
        <translation>year %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="354"/>
        <source>%1 — dossiers</source>
        <translation>%1 — cases</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="355"/>
        <source>%1 — médiane (jours)</source>
        <translation>%1 — median (days)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="357"/>
        <source>%1 — 90 % en moins de (jours)</source>
        <translation>%1 — 90 % within (days)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="375"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="389"/>
        <source>Premier contact</source>
        <translation>First contact</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="390"/>
        <source>Clôture</source>
        <translation>Closure</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="396"/>
        <source>Dossiers</source>
        <translation>Cases</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="397"/>
        <source>Entrées de la liste d’appels</source>
        <translation>Call list entries</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="398"/>
        <source>Joints</source>
        <translation>Reached</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="399"/>
        <source>Dossiers ouverts</source>
        <translation>Cases opened</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="400"/>
        <source>Refus</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="401"/>
        <source>Courriers</source>
        <translation>Letters</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="1163"/>
        <source>ce poste n’est pas connecté au serveur central</source>
        <translation>this workstation is not connected to the central server</translation>
    </message>
</context>
<context>
    <name>DashboardWidget</name>
    <message>
        <location filename="../../app/ui/dashboard.py" line="550"/>
        <source>Tableau de bord</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="583"/>
        <source>Mois</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="583"/>
        <source>Trimestre</source>
        <translation>Quarter</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="584"/>
        <source>Année</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="584"/>
        <source>Semaine</source>
        <translation>Week</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="595"/>
        <source>T%1</source>
        <translation>Q%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="601"/>
        <source>Tous les sites</source>
        <translation>All sites</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="605"/>
        <source>Tous les organismes</source>
        <translation>All agencies</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="608"/>
        <source>Chiffres exacts (a&amp;dministrateur)</source>
        <translation>Exact figures (a&amp;dministrator)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="609"/>
        <source>Sans secret statistique : pour les administrateurs, jamais à diffuser tels quels</source>
        <translation>Without statistical secrecy: for administrators, never to be shared as is</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="612"/>
        <source>Act&amp;ualiser</source>
        <translation>Ref&amp;resh</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="613"/>
        <source>Actualiser</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="614"/>
        <source>Relire les chiffres du serveur central (F5)</source>
        <translation>Reload the figures from the central server (F5)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="617"/>
        <source>&amp;Période :</source>
        <translation>&amp;Period:</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="618"/>
        <source>A&amp;nnée :</source>
        <translation>Ye&amp;ar:</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="619"/>
        <source>&amp;Mois :</source>
        <translation>&amp;Month:</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="620"/>
        <source>&amp;Trimestre :</source>
        <translation>&amp;Quarter:</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="621"/>
        <source>Sema&amp;ine :</source>
        <translation>W&amp;eek:</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="622"/>
        <source>&amp;Site :</source>
        <translation>&amp;Site:</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="623"/>
        <source>&amp;Organisme :</source>
        <translation>&amp;Agency:</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="641"/>
        <source>Dossiers ouverts</source>
        <translation>Cases opened</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="642"/>
        <source>Part des dossiers urgents</source>
        <translation>Share of urgent cases</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="643"/>
        <source>Dossiers orientés vers un organisme</source>
        <translation>Cases referred to an agency</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="644"/>
        <source>Travailleurs joints (liste d’appels)</source>
        <translation>Workers reached (call list)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="645"/>
        <source>Tous organismes : la liste d’appels se compte par site</source>
        <translation>All agencies: the call list is counted by site</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="655"/>
        <source>Graphiques</source>
        <translation>Charts</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="656"/>
        <source>Évolution par mois</source>
        <translation>Monthly trend</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="658"/>
        <source>Fragilités les plus fréquentes : réponses aux questions</source>
        <translation>Most frequent difficulties: answers to the questions</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="659"/>
        <source>Aucune fragilité relevée sur la période choisie.</source>
        <translation>No difficulties recorded in the chosen period.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="661"/>
        <source>Dossiers orientés par organisme</source>
        <translation>Cases referred, by agency</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="662"/>
        <location filename="../../app/ui/dashboard.py" line="665"/>
        <source>Aucune orientation sur la période choisie.</source>
        <translation>No referrals in the chosen period.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="663"/>
        <source>Issues des orientations par organisme</source>
        <translation>Referral outcomes by agency</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="671"/>
        <source>Délai médian jusqu’à la clôture, par organisme (jours)</source>
        <translation>Median time to closure, by agency (days)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="672"/>
        <source>Aucun délai mesurable sur la période choisie : il en faut au moins cinq orientations suivies par organisme.</source>
        <translation>No measurable processing time in the chosen period: at least five followed-up referrals per agency are needed.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="674"/>
        <source>Évolution</source>
        <translation>Trend</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="675"/>
        <location filename="../../app/ui/dashboard.py" line="935"/>
        <source>Fragilités</source>
        <translation>Difficulties</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="676"/>
        <source>Orientations et issues</source>
        <translation>Referrals and outcomes</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="677"/>
        <location filename="../../app/ui/dashboard.py" line="940"/>
        <source>Délais</source>
        <translation>Processing times</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="683"/>
        <source>&amp;Regrouper par :</source>
        <translation>&amp;Group by:</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="688"/>
        <source>Répartition des dossiers</source>
        <translation>Breakdown of cases</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="717"/>
        <source>État du tableau de bord</source>
        <translation>Dashboard status</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="720"/>
        <source>Exporter en &amp;CSV…</source>
        <translation>Export as &amp;CSV…</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="721"/>
        <source>Le tableau affiché, pour un tableur (séparateur « ; »)</source>
        <translation>The displayed table, for a spreadsheet (separator “;”)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="724"/>
        <source>Exporter en classeur (.&amp;xlsx)…</source>
        <translation>Export as workbook (.&amp;xlsx)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="725"/>
        <source>Chaque répartition sur sa feuille, et la méthode</source>
        <translation>Each breakdown on its own sheet, plus the method</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="727"/>
        <source>Rapport mensue&amp;l (PDF)…</source>
        <translation>Month&amp;ly report (PDF)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="728"/>
        <source>Le rapport de la période choisie, avec ses graphiques, à imprimer ou enregistrer</source>
        <translation>The report for the chosen period, with its charts, to print or save</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="791"/>
        <source>Lecture des chiffres du serveur central…</source>
        <translation>Reading figures from the central server…</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="804"/>
        <source>Les chiffres n’ont pas pu être lus : %1</source>
        <translation>The figures could not be read: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="833"/>
        <source>%1 dossiers</source>
        <translation>%1 cases</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="837"/>
        <source>Un dossier orienté vers plusieurs organismes compte une fois ; pour un site, le nombre par organisme est dans l’onglet « Orientations et issues »</source>
        <translation>A case referred to several agencies counts once; for a site, the number per agency is in the “Referrals and outcomes” tab</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="857"/>
        <source>pas encore d’issue</source>
        <translation>no outcome yet</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="875"/>
        <location filename="../../app/ui/dashboard.py" line="947"/>
        <source>Période</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="876"/>
        <location filename="../../app/ui/dashboard.py" line="948"/>
        <source>Champ</source>
        <translation>Scope</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="880"/>
        <source>tous les sites</source>
        <translation>all sites</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="882"/>
        <source>tous les organismes</source>
        <translation>all agencies</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="884"/>
        <source>chiffres exacts (sans secret statistique)</source>
        <translation>exact figures (without statistical secrecy)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="910"/>
        <source>Secret statistique : entre 1 et 4 dossiers</source>
        <translation>Statistical secrecy: between 1 and 4 cases</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="911"/>
        <source>moins de 5, secret statistique</source>
        <translation>fewer than 5, statistical secrecy</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="931"/>
        <source>Répartition — %1</source>
        <translation>Breakdown — %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="933"/>
        <source>Par mois</source>
        <translation>By month</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="934"/>
        <source>Canaux</source>
        <translation>Channels</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="936"/>
        <source>Urgence</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="937"/>
        <source>Orientations</source>
        <translation>Referrals</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="938"/>
        <source>Statuts des orientations</source>
        <translation>Referral statuses</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="939"/>
        <source>Issues</source>
        <translation>Outcomes</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="941"/>
        <source>Liste d’appels</source>
        <translation>Call list</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="949"/>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="949"/>
        <source>Serveur central d’Accueil TI : dossiers synchronisés (date d’ouverture, heure de Paris), orientations et liste d’appels.</source>
        <translation>Accueil TI central server: synced cases (opening date, Paris time), referrals and call list.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="953"/>
        <source>Méthode</source>
        <translation>Method</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="955"/>
        <source>Secret statistique</source>
        <translation>Statistical secrecy</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="966"/>
        <source>Exporter en CSV</source>
        <translation>Export as CSV</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="967"/>
        <source>Fichier CSV (*.csv)</source>
        <translation>CSV file (*.csv)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="976"/>
        <source>Exporter en classeur</source>
        <translation>Export as workbook</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="977"/>
        <source>Classeur Excel (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="987"/>
        <source>Export impossible</source>
        <translation>Export failed</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="988"/>
        <source>Le fichier n’a pas pu être écrit : %1</source>
        <translation>The file could not be written: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="991"/>
        <source>Fichier enregistré : %1</source>
        <translation>File saved: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="1017"/>
        <source>Rapport impossible</source>
        <translation>Report failed</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="1018"/>
        <source>Le rapport n’a pas pu être préparé : %1</source>
        <translation>The report could not be prepared: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="1021"/>
        <source>Rapport mensuel — %1</source>
        <translation>Monthly report — %1</translation>
    </message>
</context>
<context>
    <name>DashboardWindow</name>
    <message>
        <location filename="../../app/ui/dashboard.py" line="1067"/>
        <source>Tableau de bord — Accueil TI</source>
        <translation>Dashboard — Accueil TI</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="1069"/>
        <source>Tableau de bord</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="1088"/>
        <source>&amp;Fichier</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="1089"/>
        <source>Exporter en &amp;CSV…</source>
        <translation>Export as &amp;CSV…</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="1091"/>
        <source>Exporter en classeur (.&amp;xlsx)…</source>
        <translation>Export as workbook (.&amp;xlsx)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="1093"/>
        <source>&amp;Rapport mensuel (PDF)…</source>
        <translation>&amp;Monthly report (PDF)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="1097"/>
        <source>Se &amp;déconnecter et fermer</source>
        <translation>Sign &amp;out and close</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="1099"/>
        <source>&amp;Fermer</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="1101"/>
        <source>&amp;Affichage</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="1102"/>
        <source>&amp;Actualiser</source>
        <translation>&amp;Refresh</translation>
    </message>
</context>
<context>
    <name>DocumentsPage</name>
    <message>
        <location filename="../../app/ui/documents_page.py" line="81"/>
        <source>Documents du dossier</source>
        <translation>Case documents</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents_page.py" line="82"/>
        <source>Documents à imprimer ou enregistrer en PDF</source>
        <translation>Documents to print or save as PDF</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents_page.py" line="90"/>
        <source>Remarque</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents_page.py" line="95"/>
        <source>Documents à réimprimer</source>
        <translation>Documents to reprint</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents_page.py" line="101"/>
        <source>Documents</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents_page.py" line="107"/>
        <source>&amp;Aperçu et impression… (Entrée)</source>
        <translation>&amp;Preview and print… (Enter)</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents_page.py" line="108"/>
        <source>Aperçu et impression</source>
        <translation>Preview and print</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents_page.py" line="110"/>
        <source>&amp;Tout imprimer… (Ctrl+Maj+I)</source>
        <translation>&amp;Print all… (Ctrl+Shift+I)</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents_page.py" line="111"/>
        <source>Tout imprimer</source>
        <translation>Print all</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents_page.py" line="113"/>
        <source>Imprimer en une fois la synthèse, les courriers d’orientation et le formulaire de consentement, avec un seul choix d’imprimante (Ctrl+Maj+I)</source>
        <translation>Print the summary, the orientation letters and the consent form in one go, choosing the printer once (Ctrl+Shift+I)</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents_page.py" line="117"/>
        <source>Re&amp;levé de vos données…</source>
        <translation>Statement of your &amp;data…</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents_page.py" line="118"/>
        <source>Relevé de vos données</source>
        <translation>Statement of your data</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents_page.py" line="120"/>
        <source>Tout ce que le dossier contient sur la personne, à lui remettre si elle le demande (droit d’accès)</source>
        <translation>Everything the case holds about the person, to give them on request (right of access)</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents_page.py" line="123"/>
        <location filename="../../app/ui/documents_page.py" line="248"/>
        <source>Déjà imprimés</source>
        <translation>Already printed</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents_page.py" line="126"/>
        <source>Documents déjà imprimés : quoi, quand, par qui</source>
        <translation>Documents already printed: what, when, by whom</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents_page.py" line="127"/>
        <source>Document</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents_page.py" line="127"/>
        <source>Imprimé le</source>
        <translation>Printed on</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents_page.py" line="128"/>
        <source>Par</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents_page.py" line="129"/>
        <source>Colonnes des documents imprimés</source>
        <translation>Columns of the printed documents</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents_page.py" line="135"/>
        <source>↑↓ : choisir · Entrée : aperçu et impression · Ctrl+P : synthèse · Ctrl+Maj+I : tout imprimer · Échap : quitter</source>
        <translation>↑↓: choose · Enter: preview and print · Ctrl+P: summary · Ctrl+Shift+I: print all · Esc: leave</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents_page.py" line="180"/>
        <source>à réimprimer, version %1 : le contenu a changé depuis le %2</source>
        <translation>to reprint, version %1: the content has changed since %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents_page.py" line="205"/>
        <source>Lettre à réimprimer : %1 — le contenu a changé depuis la lettre du %2 (version %3)</source>
        <translation>Letter to reprint: %1 — the content has changed since the letter of %2 (version %3)</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents_page.py" line="210"/>
        <source>Synthèse à réimprimer — le contenu a changé depuis celle du %1 (version %2)</source>
        <translation>Summary to reprint — the content has changed since the one of %1 (version %2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents_page.py" line="214"/>
        <source>Formulaire de consentement à réimprimer — le contenu a changé depuis celui du %1 (version %2)</source>
        <translation>Consent form to reprint — the content has changed since the one of %1 (version %2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents_page.py" line="237"/>
        <source>%1 (version %2)</source>
        <translation>%1 (version %2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents_page.py" line="338"/>
        <source>Impression impossible</source>
        <translation>Printing failed</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents_page.py" line="339"/>
        <source>Les documents n’ont pas pu être imprimés : %1</source>
        <translation>The documents could not be printed: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents_page.py" line="345"/>
        <source>Impression non enregistrée</source>
        <translation>Print not recorded</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents_page.py" line="346"/>
        <source>Les documents sont sortis, mais leur impression n’a pas pu être notée dans le dossier : %1</source>
        <translation>The documents were printed, but the print could not be recorded in the case: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents_page.py" line="184"/>
        <source>imprimé le %1</source>
        <translation>printed on %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents_page.py" line="193"/>
        <source>Aucun courrier d’orientation : aucun organisme n’a le consentement de la personne.</source>
        <translation>No referral letter: no agency has the person’s consent.</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents_page.py" line="195"/>
        <source>Un courrier par organisme qui a le consentement de la personne.</source>
        <translation>One letter per agency that has the person’s consent.</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents_page.py" line="247"/>
        <source>Aucun document imprimé pour l’instant.</source>
        <translation>No document printed yet.</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents_page.py" line="272"/>
        <location filename="../../app/ui/documents_page.py" line="300"/>
        <location filename="../../app/ui/documents_page.py" line="326"/>
        <source>Document indisponible</source>
        <translation>Document unavailable</translation>
    </message>
    <message>
        <location filename="../../app/ui/documents_page.py" line="273"/>
        <location filename="../../app/ui/documents_page.py" line="301"/>
        <location filename="../../app/ui/documents_page.py" line="327"/>
        <source>Le document n’a pas pu être préparé : %1</source>
        <translation>The document could not be prepared: %1</translation>
    </message>
</context>
<context>
    <name>DossierFlow</name>
    <message>
        <location filename="../../app/ui/dossier_flow.py" line="135"/>
        <source>Dossier</source>
        <translation>Case</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_flow.py" line="139"/>
        <source>Étapes du dossier</source>
        <translation>Case steps</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_flow.py" line="190"/>
        <source>Identité</source>
        <translation>Identity</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_flow.py" line="209"/>
        <source>Documents</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_flow.py" line="217"/>
        <source>Consentement</source>
        <translation>Consent</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_flow.py" line="239"/>
        <source>Questionnaire</source>
        <translation>Questionnaire</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_flow.py" line="248"/>
        <source>Résultat</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_flow.py" line="309"/>
        <source>Quitter le dossier</source>
        <translation>Leave the case</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_flow.py" line="310"/>
        <source>Des informations saisies ne sont pas enregistrées. Quitter quand même ?</source>
        <translation>Some information entered has not been saved. Leave anyway?</translation>
    </message>
</context>
<context>
    <name>DossierHeader</name>
    <message>
        <location filename="../../app/ui/dossier_flow.py" line="52"/>
        <source>Dossier en cours</source>
        <translation>Current case</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_flow.py" line="54"/>
        <source>Numéro de dossier</source>
        <translation>Case number</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_flow.py" line="56"/>
        <source>Personne</source>
        <translation>Person</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_flow.py" line="58"/>
        <source>Canal</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_flow.py" line="60"/>
        <source>Étape</source>
        <translation>Step</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_flow.py" line="61"/>
        <source>URGENT</source>
        <translation>URGENT</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_flow.py" line="62"/>
        <source>Dossier urgent</source>
        <translation>Urgent case</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_flow.py" line="82"/>
        <source>Nouveau dossier</source>
        <translation>New case</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_flow.py" line="92"/>
        <source>Canal : %1</source>
        <translation>Channel: %1</translation>
    </message>
</context>
<context>
    <name>DossierListModel</name>
    <message>
        <location filename="../../app/ui/dossier_table.py" line="133"/>
        <source>Transmise le %s</source>
        <translation>Sent on %s</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_table.py" line="186"/>
        <location filename="../../app/ui/dossier_table.py" line="358"/>
        <source>Urgent</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_table.py" line="187"/>
        <source>N° de dossier</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_table.py" line="188"/>
        <source>Nom</source>
        <translation>Last name</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_table.py" line="189"/>
        <source>Prénom</source>
        <translation>First name</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_table.py" line="190"/>
        <source>Canal</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_table.py" line="191"/>
        <source>Statut</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_table.py" line="192"/>
        <source>Organismes</source>
        <translation>Agencies</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_table.py" line="193"/>
        <source>Mis à jour</source>
        <translation>Updated</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_table.py" line="194"/>
        <source>Synchronisation</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_table.py" line="338"/>
        <source>Dossier urgent : à traiter en priorité</source>
        <translation>Urgent case: handle first</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_table.py" line="344"/>
        <source>Synchronisation avec le serveur central : %s</source>
        <translation>Sync with the central server: %s</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_table.py" line="359"/>
        <source>Non urgent</source>
        <translation>Not urgent</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_table.py" line="372"/>
        <source>Aucun organisme</source>
        <translation>No agency</translation>
    </message>
</context>
<context>
    <name>DossierPanel</name>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="94"/>
        <source>Résumé du dossier sélectionné</source>
        <translation>Summary of the selected case</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="105"/>
        <source>Sélectionnez un dossier dans la liste pour voir son résumé, ou créez-en un nouveau (Ctrl+N).</source>
        <translation>Select a case in the list to see its summary, or create a new one (Ctrl+N).</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="109"/>
        <location filename="../../app/ui/dossier_panel.py" line="297"/>
        <source>Aucun dossier sélectionné</source>
        <translation>No case selected</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="124"/>
        <source>Nom et prénom</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="130"/>
        <source>Urgent</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="132"/>
        <source>Dossier urgent</source>
        <translation>Urgent case</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="133"/>
        <source>Dossier urgent : à traiter en priorité</source>
        <translation>Urgent case: handle first</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="143"/>
        <source>Reprendre le dossier</source>
        <translation>Resume the case</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="144"/>
        <source>Documents…</source>
        <translation>Documents…</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="145"/>
        <source>Consentements…</source>
        <translation>Consents…</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="162"/>
        <source>Corriger l’identité…</source>
        <translation>Correct the identity…</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="163"/>
        <source>Modifier une réponse…</source>
        <translation>Change an answer…</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="177"/>
        <source>Résoudre le conflit…</source>
        <translation>Resolve the conflict…</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="178"/>
        <source>Voir le refus du serveur…</source>
        <translation>See the server’s refusal…</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="179"/>
        <source>Le serveur central a refusé ce dossier : voir le motif et le corriger</source>
        <translation>The central server refused this case: see the reason and correct it</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="195"/>
        <source>Détails du dossier</source>
        <translation>Case details</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="205"/>
        <location filename="../../app/ui/dossier_panel.py" line="206"/>
        <source>Dossier</source>
        <translation>Case</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="215"/>
        <source> :</source>
        <translation>:</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="218"/>
        <source>N° de dossier</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="219"/>
        <location filename="../../app/ui/dossier_panel.py" line="387"/>
        <source>Statut</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="220"/>
        <source>Questions répondues</source>
        <translation>Questions answered</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="221"/>
        <source>Canal</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="222"/>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="223"/>
        <source>Créé le</source>
        <translation>Created on</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="224"/>
        <source>Mis à jour le</source>
        <translation>Updated on</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="225"/>
        <source>Poste</source>
        <translation>Workstation</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="226"/>
        <source>Synchronisation</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="232"/>
        <location filename="../../app/ui/dossier_panel.py" line="233"/>
        <location filename="../../app/ui/dossier_panel.py" line="234"/>
        <source>Orientations</source>
        <translation>Referrals</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="242"/>
        <location filename="../../app/ui/dossier_panel.py" line="243"/>
        <location filename="../../app/ui/dossier_panel.py" line="244"/>
        <source>Consentements</source>
        <translation>Consents</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="250"/>
        <location filename="../../app/ui/dossier_panel.py" line="251"/>
        <source>Identité</source>
        <translation>Identity</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="256"/>
        <source>NIR</source>
        <translation>NIR</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="264"/>
        <source>Historique</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="266"/>
        <location filename="../../app/ui/dossier_panel.py" line="267"/>
        <source>Historique du dossier</source>
        <translation>Case history</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="283"/>
        <source>Ouverture de la base locale…</source>
        <translation>Opening the local database…</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="320"/>
        <source> — %s</source>
        <translation> — %s</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="331"/>
        <source>%s questions répondues</source>
        <translation>%s questions answered</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="344"/>
        <source> (motif : %1)</source>
        <translation> (reason: %1)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="346"/>
        <source>%1 — %2 — %3 — poste %4</source>
        <translation>%1 — %2 — %3 — workstation %4</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="352"/>
        <source>Dossier créé</source>
        <translation>Case created</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="356"/>
        <source>Correction : %1</source>
        <translation>Correction: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="367"/>
        <source>Réponse modifiée : %1</source>
        <translation>Answer changed: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="368"/>
        <source>Réponse : %1</source>
        <translation>Answer: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="371"/>
        <source>Consentement %1 : %2</source>
        <translation>Consent %1: %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="374"/>
        <source>Consentement %1 révoqué</source>
        <translation>Consent %1 revoked</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="377"/>
        <source>Orientation vers %1</source>
        <translation>Orientation to %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="380"/>
        <source>Suivi %1</source>
        <translation>Follow-up %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="383"/>
        <source>Impression : %1</source>
        <translation>Printed: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="390"/>
        <source>Marqué urgent</source>
        <translation>Marked urgent</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="390"/>
        <source>N’est plus urgent</source>
        <translation>No longer urgent</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="398"/>
        <source>Aucune modification enregistrée sur ce poste.</source>
        <translation>No change recorded on this workstation.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="404"/>
        <source>Aucun consentement recueilli.</source>
        <translation>No consent collected.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="409"/>
        <source>%(etat)s — %(mode)s, le %(date)s</source>
        <translation>%(etat)s — %(mode)s, on %(date)s</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="414"/>
        <source>%(etat)s, le %(date)s (%(where)s)</source>
        <translation>%(etat)s, on %(date)s (%(where)s)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="416"/>
        <source>par téléphone</source>
        <translation>by phone</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="417"/>
        <source>à l’accueil</source>
        <translation>at the counter</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="419"/>
        <source>Révoqué le %s</source>
        <translation>Revoked on %s</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="421"/>
        <source> par %s</source>
        <translation> by %s</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="434"/>
        <source>Pas encore d’orientation.</source>
        <translation>No referral yet.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="446"/>
        <source> (le %s)</source>
        <translation> (on %s)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="453"/>
        <source>Note du guichet : %1</source>
        <translation>Note from the counter: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="458"/>
        <source>À transmettre après l’accord de la personne : recueillez son consentement (Consentements…, Ctrl+K).</source>
        <translation>To be passed on once the person agrees: record their consent (Consents…, Ctrl+K).</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="473"/>
        <source>Note pour l’organisme…</source>
        <translation>Note for the agency…</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="477"/>
        <source>Écrire une note que l’organisme lira avec le dossier dans son espace partenaire</source>
        <translation>Write a note the agency will read with the case in its partner space</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="482"/>
        <location filename="../../app/ui/dossier_panel.py" line="484"/>
        <source>Rappels et rendez-vous</source>
        <translation>Call-backs and appointments</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="486"/>
        <source>Aucun rappel ni rendez-vous.</source>
        <translation>No call-backs or appointments.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="492"/>
        <source>Rappels et rendez-vous du dossier</source>
        <translation>The case’s call-backs and appointments</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="500"/>
        <source>Programmer un rappel…</source>
        <translation>Schedule a call-back…</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="512"/>
        <source>Convocation…</source>
        <translation>Appointment letter…</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="513"/>
        <source>Aperçu et impression de la convocation au rendez-vous ou de l’avis de rappel sélectionné, pour la personne</source>
        <translation>Preview and print, for the person, the letter for the selected appointment or the selected call-back notice</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="515"/>
        <source>Exporter .ics…</source>
        <translation>Export .ics…</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="516"/>
        <source>Enregistrer le rendez-vous sélectionné pour un agenda (fichier .ics)</source>
        <translation>Save the selected appointment for a calendar (.ics file)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="517"/>
        <source>Rappel fait</source>
        <translation>Call-back done</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="518"/>
        <source>Marquer le rappel sélectionné comme fait</source>
        <translation>Mark the selected call-back as done</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="562"/>
        <source>Rappel par %1</source>
        <translation>Call-back by %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="565"/>
        <source>Rendez-vous %1</source>
        <translation>Appointment %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="573"/>
        <source>avec %1</source>
        <translation>with %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="575"/>
        <source>%1 — %2 (%3)</source>
        <translation>%1 — %2 (%3)</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="666"/>
        <source>Rappel programmé le %1</source>
        <translation>Call-back scheduled for %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="667"/>
        <source>Rendez-vous %1 le %2</source>
        <translation>Appointment %1 on %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="671"/>
        <source>Rappel ou rendez-vous</source>
        <translation>Call-back or appointment</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="674"/>
        <source>Mise à jour reçue du serveur central</source>
        <translation>Update received from the central server</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="676"/>
        <source>Dossier reçu du serveur central</source>
        <translation>Case received from the central server</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="680"/>
        <source>Note pour %1 effacée</source>
        <translation>Note for %1 cleared</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_panel.py" line="681"/>
        <source>Note pour %1</source>
        <translation>Note for %1</translation>
    </message>
</context>
<context>
    <name>DossierTableView</name>
    <message>
        <location filename="../../app/ui/dossier_table.py" line="440"/>
        <source>Liste des dossiers</source>
        <translation>Case list</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_table.py" line="442"/>
        <source>Dossiers urgents en premier, puis les plus récemment mis à jour. Entrée reprend le dossier sélectionné.</source>
        <translation>Urgent cases first, then the most recently updated. Enter resumes the selected case.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_table.py" line="456"/>
        <source>Numéros de ligne</source>
        <translation>Row numbers</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_table.py" line="458"/>
        <source>En-têtes des colonnes</source>
        <translation>Column headers</translation>
    </message>
    <message>
        <location filename="../../app/ui/dossier_table.py" line="474"/>
        <source>Urgent</source>
        <translation>Urgent</translation>
    </message>
</context>
<context>
    <name>DuplicateDialog</name>
    <message>
        <location filename="../../app/ui/identity_page.py" line="94"/>
        <source>Dossier existant</source>
        <translation>Existing case</translation>
    </message>
    <message>
        <location filename="../../app/ui/identity_page.py" line="95"/>
        <source>Dossier existant pour cette personne</source>
        <translation>Existing case for this person</translation>
    </message>
    <message>
        <location filename="../../app/ui/identity_page.py" line="97"/>
        <source>Cette personne a peut-être déjà un dossier. Que voulez-vous faire ?</source>
        <translation>This person may already have a case. What do you want to do?</translation>
    </message>
    <message>
        <location filename="../../app/ui/identity_page.py" line="104"/>
        <source>Ouvrir le dossier existant %1 (%2 %3, %4)</source>
        <translation>Open the existing case %1 (%2 %3, %4)</translation>
    </message>
    <message>
        <location filename="../../app/ui/identity_page.py" line="109"/>
        <location filename="../../app/ui/identity_page.py" line="111"/>
        <source>Trouvé par : %1</source>
        <translation>Found by: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/identity_page.py" line="119"/>
        <source>Créer quand même un nouveau dossier</source>
        <translation>Create a new case anyway</translation>
    </message>
    <message>
        <location filename="../../app/ui/identity_page.py" line="122"/>
        <source>Revenir à la saisie (Échap)</source>
        <translation>Back to data entry (Esc)</translation>
    </message>
    <message>
        <location filename="../../app/ui/identity_page.py" line="123"/>
        <source>Revenir à la saisie</source>
        <translation>Back to data entry</translation>
    </message>
</context>
<context>
    <name>EraseDialog</name>
    <message>
        <location filename="../../app/ui/erase_dialog.py" line="53"/>
        <location filename="../../app/ui/erase_dialog.py" line="54"/>
        <location filename="../../app/ui/erase_dialog.py" line="104"/>
        <source>Effacer les données de la personne</source>
        <translation>Erase the person&apos;s data</translation>
    </message>
    <message>
        <location filename="../../app/ui/erase_dialog.py" line="62"/>
        <source>L’effacement supprime les données de la personne de ce poste tout de suite, puis, à la prochaine synchronisation, du serveur central, des autres postes du site et des espaces des partenaires. Il ne reste qu’une ligne anonyme dans l’historique (« dossier effacé à la demande de la personne ») et, pour les statistiques, les faits anonymes (site, mois, réponses, aides, suites données). Il ne peut pas être annulé.</source>
        <translation>Erasure removes the person&apos;s data from this workstation at once, then, at the next sync, from the central server, the site&apos;s other workstations and the partners&apos; spaces. Only an anonymous line remains in the history (&quot;case erased at the person&apos;s request&quot;) and, for the statistics, the anonymous facts (site, month, answers, aids, outcomes). It cannot be undone.</translation>
    </message>
    <message>
        <location filename="../../app/ui/erase_dialog.py" line="72"/>
        <source>Qui peut effacer : un agent d’accueil du site du dossier (%1) ou un administrateur. Le serveur central le vérifie quand la demande lui parvient.</source>
        <translation>Who may erase: a counter agent of the case&apos;s site (%1) or an administrator. The central server checks it when the request reaches it.</translation>
    </message>
    <message>
        <location filename="../../app/ui/erase_dialog.py" line="82"/>
        <source>Motif de l’effacement</source>
        <translation>Reason for the erasure</translation>
    </message>
    <message>
        <location filename="../../app/ui/erase_dialog.py" line="83"/>
        <source>À la demande de la personne</source>
        <translation>At the person&apos;s request</translation>
    </message>
    <message>
        <location filename="../../app/ui/erase_dialog.py" line="84"/>
        <source>Dossier ouvert par erreur</source>
        <translation>Case opened by mistake</translation>
    </message>
    <message>
        <location filename="../../app/ui/erase_dialog.py" line="85"/>
        <source>Doublon d’un autre dossier</source>
        <translation>Duplicate of another case</translation>
    </message>
    <message>
        <location filename="../../app/ui/erase_dialog.py" line="88"/>
        <source>&amp;Motif :</source>
        <translation>&amp;Reason:</translation>
    </message>
    <message>
        <location filename="../../app/ui/erase_dialog.py" line="91"/>
        <source>Numéro du dossier, en confirmation</source>
        <translation>Case number, to confirm</translation>
    </message>
    <message>
        <location filename="../../app/ui/erase_dialog.py" line="93"/>
        <source>Pour confirmer, tapez le &amp;numéro du dossier :</source>
        <translation>To confirm, type the case &amp;number:</translation>
    </message>
    <message>
        <location filename="../../app/ui/erase_dialog.py" line="101"/>
        <source>&amp;Effacer</source>
        <translation>&amp;Erase</translation>
    </message>
    <message>
        <location filename="../../app/ui/erase_dialog.py" line="107"/>
        <source>&amp;Annuler</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/erase_dialog.py" line="108"/>
        <source>Annuler sans rien effacer</source>
        <translation>Cancel without erasing anything</translation>
    </message>
    <message>
        <location filename="../../app/ui/erase_dialog.py" line="131"/>
        <source>Rien n’a été effacé : %1</source>
        <translation>Nothing was erased: %1</translation>
    </message>
</context>
<context>
    <name>FirstStartDialog</name>
    <message>
        <location filename="../../app/ui/first_start_dialog.py" line="39"/>
        <location filename="../../app/ui/first_start_dialog.py" line="40"/>
        <source>Qui travaille sur ce poste ?</source>
        <translation>Who is working at this workstation?</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_start_dialog.py" line="45"/>
        <source>Votre nom figure sur les synthèses, les courriers et les formulaires de consentement. Il se modifie ensuite dans Paramètres.</source>
        <translation>Your name appears on summaries, letters and consent forms. You can change it later in Settings.</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_start_dialog.py" line="48"/>
        <source>Pourquoi ces informations</source>
        <translation>Why this information</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_start_dialog.py" line="54"/>
        <source>&amp;Nom de l’agent :</source>
        <translation>Agent&apos;s &amp;name:</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_start_dialog.py" line="57"/>
        <source>&amp;Site :</source>
        <translation>&amp;Site:</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_start_dialog.py" line="60"/>
        <source>N° de &amp;poste :</source>
        <translation>&amp;Workstation no.:</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_start_dialog.py" line="64"/>
        <source>Le site et le n° de poste sont ceux de la base locale de ce poste.</source>
        <translation>The site and workstation number are those of this workstation&apos;s local database.</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_start_dialog.py" line="67"/>
        <source>Site et poste</source>
        <translation>Site and workstation</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_start_dialog.py" line="71"/>
        <source>&amp;Commencer</source>
        <translation>&amp;Start</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_start_dialog.py" line="72"/>
        <source>Commencer</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_start_dialog.py" line="74"/>
        <source>Plus &amp;tard</source>
        <translation>&amp;Later</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_start_dialog.py" line="75"/>
        <source>Plus tard</source>
        <translation>Later</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_start_dialog.py" line="76"/>
        <source>Les documents n’indiqueront pas de nom d’agent</source>
        <translation>Documents will not show an agent&apos;s name</translation>
    </message>
</context>
<context>
    <name>FollowUpForm</name>
    <message>
        <location filename="../../app/ui/partner/follow_up.py" line="49"/>
        <source>Votre suivi</source>
        <translation>Your follow-up</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/follow_up.py" line="59"/>
        <source>Statut</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/follow_up.py" line="64"/>
        <source>Résultat</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/follow_up.py" line="65"/>
        <source>— à choisir pour clôturer —</source>
        <translation>— choose to close —</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/follow_up.py" line="68"/>
        <source>Seulement pour un dossier « Clôturée »</source>
        <translation>Only for a “Closed” case</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/follow_up.py" line="71"/>
        <source>Note pour le guichet</source>
        <translation>Note for the counter</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/follow_up.py" line="74"/>
        <source>Ce que le guichet doit savoir : rendez-vous pris, pièce manquante…</source>
        <translation>What the counter should know: appointment made, missing document…</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/follow_up.py" line="79"/>
        <source>Caractères restants</source>
        <translation>Characters left</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/follow_up.py" line="82"/>
        <source>Erreur dans le suivi</source>
        <translation>Error in the follow-up</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/follow_up.py" line="86"/>
        <location filename="../../app/ui/partner/follow_up.py" line="168"/>
        <source>&amp;Envoyer au guichet</source>
        <translation>&amp;Send to the counter</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/follow_up.py" line="88"/>
        <source>Envoyer au guichet</source>
        <translation>Send to the counter</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/follow_up.py" line="89"/>
        <source>S&amp;tatut :</source>
        <translation>S&amp;tatus:</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/follow_up.py" line="90"/>
        <source>Ré&amp;sultat :</source>
        <translation>Out&amp;come:</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/follow_up.py" line="91"/>
        <source>N&amp;ote pour le guichet :</source>
        <translation>N&amp;ote for the counter:</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/follow_up.py" line="139"/>
        <source>Statut : choisissez « Reçue », « En cours », « Contact pris » ou « Clôturée ».</source>
        <translation>Status: choose “Received”, “In progress”, “Contact made” or “Closed”.</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/follow_up.py" line="142"/>
        <source>Résultat : choisissez « Aide accordée », « Aide refusée » ou « Sans suite » pour clôturer le dossier.</source>
        <translation>Outcome: choose “Aid granted”, “Aid refused” or “No further action” to close the case.</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/follow_up.py" line="145"/>
        <source>Note pour le guichet : %s caractères au plus (la note en compte %s).</source>
        <translation>Note for the counter: %s characters at most (the note has %s).</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/follow_up.py" line="148"/>
        <source>Note pour le guichet : elle contient un caractère invisible non autorisé ; retapez-la.</source>
        <translation>Note for the counter: it contains an invisible character that is not allowed; type it again.</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/follow_up.py" line="153"/>
        <source>Rien à envoyer : le guichet a déjà ce suivi. Changez le statut ou la note.</source>
        <translation>Nothing to send: the counter already has this follow-up. Change the status or the note.</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/follow_up.py" line="162"/>
        <source>Envoi…</source>
        <translation>Sending…</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/follow_up.py" line="193"/>
        <source>%s caractères restants sur %s</source>
        <translation>%s characters left out of %s</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/follow_up.py" line="194"/>
        <source>1 caractère restant sur %s</source>
        <translation>1 character left out of %s</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/follow_up.py" line="197"/>
        <source>%s caractères de trop : %s au plus</source>
        <translation>%s characters too many: %s at most</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/follow_up.py" line="198"/>
        <source>%s caractère de trop : %s au plus</source>
        <translation>%s character too many: %s at most</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <location filename="../../app/ui/help_dialog.py" line="46"/>
        <source>Liste des dossiers</source>
        <translation>Case list</translation>
    </message>
    <message>
        <location filename="../../app/ui/help_dialog.py" line="47"/>
        <source>Les dossiers de ce poste, les urgents en tête. Tapez un nom, un numéro de dossier, un NIR ou un SIRET pour chercher.</source>
        <translation>The cases of this workstation, urgent ones first. Type a name, a case number, a NIR or a SIRET to search.</translation>
    </message>
    <message>
        <location filename="../../app/ui/help_dialog.py" line="49"/>
        <source>Ouvrir le dossier choisi dans la liste</source>
        <translation>Open the case chosen in the list</translation>
    </message>
    <message>
        <location filename="../../app/ui/help_dialog.py" line="50"/>
        <source>Effacer la recherche</source>
        <translation>Clear the search</translation>
    </message>
    <message>
        <location filename="../../app/ui/help_dialog.py" line="53"/>
        <source>Identité de la personne</source>
        <translation>The person&apos;s identity</translation>
    </message>
    <message>
        <location filename="../../app/ui/help_dialog.py" line="54"/>
        <source>Nom, date de naissance et au moins un moyen de la recontacter ; les doublons sont cherchés avant la création.</source>
        <translation>Name, date of birth and at least one way to contact them again; duplicates are searched for before the case is created.</translation>
    </message>
    <message>
        <location filename="../../app/ui/help_dialog.py" line="56"/>
        <source>Champ suivant (Maj+Tab : précédent)</source>
        <translation>Next field (Shift+Tab: previous)</translation>
    </message>
    <message>
        <location filename="../../app/ui/help_dialog.py" line="57"/>
        <location filename="../../app/ui/help_dialog.py" line="58"/>
        <source>Créer le dossier</source>
        <translation>Create the case</translation>
    </message>
    <message>
        <location filename="../../app/ui/help_dialog.py" line="59"/>
        <location filename="../../app/ui/help_dialog.py" line="82"/>
        <location filename="../../app/ui/help_dialog.py" line="94"/>
        <location filename="../../app/ui/help_dialog.py" line="103"/>
        <source>Quitter le dossier</source>
        <translation>Leave the case</translation>
    </message>
    <message>
        <location filename="../../app/ui/help_dialog.py" line="61"/>
        <source>Questionnaire</source>
        <translation>Questionnaire</translation>
    </message>
    <message>
        <location filename="../../app/ui/help_dialog.py" line="62"/>
        <source>Douze questions fermées ; chaque réponse est enregistrée dès qu’elle est donnée.</source>
        <translation>Twelve closed questions; each answer is saved as soon as it is given.</translation>
    </message>
    <message>
        <location filename="../../app/ui/help_dialog.py" line="64"/>
        <source>Choisir la réponse de ce numéro et passer à la question suivante</source>
        <translation>Choose the answer with this number and go to the next question</translation>
    </message>
    <message>
        <location filename="../../app/ui/help_dialog.py" line="66"/>
        <source>Ne sait pas / ne souhaite pas répondre</source>
        <translation>Does not know / does not wish to answer</translation>
    </message>
    <message>
        <location filename="../../app/ui/help_dialog.py" line="68"/>
        <source>Question précédente</source>
        <translation>Previous question</translation>
    </message>
    <message>
        <location filename="../../app/ui/help_dialog.py" line="69"/>
        <source>Mode téléphone : texte à lire et récapitulatif</source>
        <translation>Phone mode: text to read aloud and recap</translation>
    </message>
    <message>
        <location filename="../../app/ui/help_dialog.py" line="71"/>
        <source>Quitter le dossier (les réponses sont déjà enregistrées)</source>
        <translation>Leave the case (the answers are already saved)</translation>
    </message>
    <message>
        <location filename="../../app/ui/help_dialog.py" line="74"/>
        <source>Aides envisageables</source>
        <translation>Possible aids</translation>
    </message>
    <message>
        <location filename="../../app/ui/help_dialog.py" line="75"/>
        <source>Les aides que la situation ouvre, avec leurs raisons, et les organismes vers lesquels orienter.</source>
        <translation>The aids the situation opens, with their reasons, and the organismes to refer the person to.</translation>
    </message>
    <message>
        <location filename="../../app/ui/help_dialog.py" line="77"/>
        <location filename="../../app/ui/help_dialog.py" line="78"/>
        <location filename="../../app/ui/help_dialog.py" line="79"/>
        <location filename="../../app/ui/help_dialog.py" line="80"/>
        <source>Étape suivante (consentement)</source>
        <translation>Next step (consent)</translation>
    </message>
    <message>
        <location filename="../../app/ui/help_dialog.py" line="81"/>
        <source>Aperçu de la synthèse à imprimer</source>
        <translation>Preview of the summary to print</translation>
    </message>
    <message>
        <location filename="../../app/ui/help_dialog.py" line="97"/>
        <source>La synthèse pour la personne, une lettre par organisme qui a son accord, le formulaire de consentement.</source>
        <translation>The summary for the person, one letter per organisme they agreed to, the consent form.</translation>
    </message>
    <message>
        <location filename="../../app/ui/help_dialog.py" line="84"/>
        <source>Consentement</source>
        <translation>Consent</translation>
    </message>
    <message>
        <location filename="../../app/ui/help_dialog.py" line="51"/>
        <source>Dossier précédent / suivant</source>
        <translation>Previous / next case</translation>
    </message>
    <message>
        <location filename="../../app/ui/help_dialog.py" line="67"/>
        <source>Parcourir les réponses, puis Entrée</source>
        <translation>Move through the answers, then Enter</translation>
    </message>
    <message>
        <location filename="../../app/ui/help_dialog.py" line="85"/>
        <source>Pour chaque organisme, la réponse de la personne ; rien n’est transmis sans son accord.</source>
        <translation>For each organisme, the person&apos;s answer; nothing is passed on without their agreement.</translation>
    </message>
    <message>
        <location filename="../../app/ui/help_dialog.py" line="87"/>
        <source>Accepte / refuse pour l’organisme de ce numéro</source>
        <translation>Accepts / refuses for the organisme with this number</translation>
    </message>
    <message>
        <location filename="../../app/ui/help_dialog.py" line="89"/>
        <source>Accepte pour tous les organismes restants</source>
        <translation>Accepts for all remaining organismes</translation>
    </message>
    <message>
        <location filename="../../app/ui/help_dialog.py" line="90"/>
        <location filename="../../app/ui/help_dialog.py" line="91"/>
        <location filename="../../app/ui/help_dialog.py" line="92"/>
        <location filename="../../app/ui/help_dialog.py" line="93"/>
        <source>Enregistrer le consentement</source>
        <translation>Record the consent</translation>
    </message>
    <message>
        <location filename="../../app/ui/help_dialog.py" line="96"/>
        <source>Documents</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location filename="../../app/ui/help_dialog.py" line="99"/>
        <source>Tout imprimer (une seule boîte d’impression)</source>
        <translation>Print everything (a single print dialog)</translation>
    </message>
    <message>
        <location filename="../../app/ui/help_dialog.py" line="101"/>
        <location filename="../../app/ui/help_dialog.py" line="102"/>
        <source>Aperçu du document choisi</source>
        <translation>Preview of the chosen document</translation>
    </message>
    <message>
        <location filename="../../app/ui/help_dialog.py" line="105"/>
        <source>Espace partenaire</source>
        <translation>Partner space</translation>
    </message>
    <message>
        <location filename="../../app/ui/help_dialog.py" line="106"/>
        <source>Les dossiers orientés vers votre organisme et le suivi à renvoyer à l’accueil.</source>
        <translation>The cases referred to your organisme and the follow-up to send back to the counter.</translation>
    </message>
    <message>
        <location filename="../../app/ui/help_dialog.py" line="108"/>
        <source>Du dossier choisi au formulaire de suivi</source>
        <translation>From the chosen case to the follow-up form</translation>
    </message>
    <message>
        <location filename="../../app/ui/help_dialog.py" line="125"/>
        <source>Entrée</source>
        <translation>Enter</translation>
    </message>
    <message>
        <location filename="../../app/ui/help_dialog.py" line="126"/>
        <source>Entrée (pavé numérique)</source>
        <translation>Enter (keypad)</translation>
    </message>
    <message>
        <location filename="../../app/ui/help_dialog.py" line="127"/>
        <source>Retour arrière</source>
        <translation>Backspace</translation>
    </message>
    <message>
        <location filename="../../app/ui/help_dialog.py" line="128"/>
        <source>Maj</source>
        <translation>Shift</translation>
    </message>
    <message>
        <location filename="../../app/ui/help_dialog.py" line="129"/>
        <source>Échap</source>
        <translation>Esc</translation>
    </message>
    <message>
        <location filename="../../app/ui/help_dialog.py" line="187"/>
        <source>Clavier sur cette page</source>
        <translation>Keyboard on this page</translation>
    </message>
    <message>
        <location filename="../../app/ui/help_dialog.py" line="188"/>
        <source>Boutons de la page</source>
        <translation>Buttons of the page</translation>
    </message>
    <message>
        <location filename="../../app/ui/help_dialog.py" line="189"/>
        <source>Menus de la fenêtre</source>
        <translation>Window menus</translation>
    </message>
    <message>
        <location filename="../../app/ui/help_dialog.py" line="190"/>
        <source>Échap ferme cette aide.</source>
        <translation>Escape closes this help.</translation>
    </message>
    <message>
        <location filename="../../app/ui/help_dialog.py" line="222"/>
        <source>Aide — clavier</source>
        <translation>Help — keyboard</translation>
    </message>
    <message>
        <location filename="../../app/ui/help_dialog.py" line="223"/>
        <source>Aide et raccourcis clavier de la page</source>
        <translation>Help and keyboard shortcuts of the page</translation>
    </message>
    <message>
        <location filename="../../app/ui/help_dialog.py" line="226"/>
        <source>Aide de la page</source>
        <translation>Help for the page</translation>
    </message>
    <message>
        <location filename="../../app/ui/help_dialog.py" line="232"/>
        <source>Fermer l’aide</source>
        <translation>Close the help</translation>
    </message>
</context>
<context>
    <name>IdentityPage</name>
    <message>
        <location filename="../../app/ui/identity_page.py" line="168"/>
        <source>Identité de la personne</source>
        <translation>Person’s identity</translation>
    </message>
    <message>
        <location filename="../../app/ui/identity_page.py" line="174"/>
        <source>Canal de contact</source>
        <translation>Contact channel</translation>
    </message>
    <message>
        <location filename="../../app/ui/identity_page.py" line="176"/>
        <source>Identité</source>
        <translation>Identity</translation>
    </message>
    <message>
        <location filename="../../app/ui/identity_page.py" line="178"/>
        <source>Coordonnées</source>
        <translation>Contact details</translation>
    </message>
    <message>
        <location filename="../../app/ui/identity_page.py" line="180"/>
        <source>Activité indépendante</source>
        <translation>Self-employed activity</translation>
    </message>
    <message>
        <location filename="../../app/ui/identity_page.py" line="183"/>
        <source>&amp;Canal</source>
        <translation>&amp;Channel</translation>
    </message>
    <message>
        <location filename="../../app/ui/identity_page.py" line="186"/>
        <location filename="../../app/ui/identity_page.py" line="206"/>
        <source>JJ/MM/AAAA</source>
        <translation>DD/MM/YYYY</translation>
    </message>
    <message>
        <location filename="../../app/ui/identity_page.py" line="187"/>
        <source>15 caractères, clé comprise</source>
        <translation>15 characters, including the key</translation>
    </message>
    <message>
        <location filename="../../app/ui/identity_page.py" line="188"/>
        <source>14 chiffres</source>
        <translation>14 digits</translation>
    </message>
    <message>
        <location filename="../../app/ui/identity_page.py" line="189"/>
        <source>06 12 34 56 78</source>
        <translation>06 12 34 56 78</translation>
    </message>
    <message>
        <location filename="../../app/ui/identity_page.py" line="190"/>
        <source>nom@exemple.fr</source>
        <translation>name@example.fr</translation>
    </message>
    <message>
        <location filename="../../app/ui/identity_page.py" line="192"/>
        <source>&amp;Nom</source>
        <translation>&amp;Last name</translation>
    </message>
    <message>
        <location filename="../../app/ui/identity_page.py" line="192"/>
        <source>&amp;Prénom</source>
        <translation>&amp;First name</translation>
    </message>
    <message>
        <location filename="../../app/ui/identity_page.py" line="193"/>
        <source>&amp;Date de naissance</source>
        <translation>&amp;Date of birth</translation>
    </message>
    <message>
        <location filename="../../app/ui/identity_page.py" line="201"/>
        <source>Non renseigné</source>
        <translation>Not specified</translation>
    </message>
    <message>
        <location filename="../../app/ui/identity_page.py" line="215"/>
        <source>— à demander —</source>
        <translation>— to ask —</translation>
    </message>
    <message>
        <location filename="../../app/ui/identity_page.py" line="216"/>
        <source>Oui</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../app/ui/identity_page.py" line="217"/>
        <source>Non</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../app/ui/identity_page.py" line="220"/>
        <source>Obligatoire : oui ou non (touches O et N)</source>
        <translation>Required: yes or no (keys O and N)</translation>
    </message>
    <message>
        <location filename="../../app/ui/identity_page.py" line="222"/>
        <source>Activité &amp;principale ?</source>
        <translation>Main &amp;activity?</translation>
    </message>
    <message>
        <location filename="../../app/ui/identity_page.py" line="225"/>
        <source>ex. 35, 2A, 974</source>
        <translation>e.g. 35, 2A, 974</translation>
    </message>
    <message>
        <location filename="../../app/ui/identity_page.py" line="230"/>
        <source>État de la saisie</source>
        <translation>Data entry status</translation>
    </message>
    <message>
        <location filename="../../app/ui/identity_page.py" line="231"/>
        <source>C&amp;réer le dossier (Ctrl+Entrée)</source>
        <translation>C&amp;reate the case (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../app/ui/identity_page.py" line="232"/>
        <source>Créer le dossier</source>
        <translation>Create the case</translation>
    </message>
    <message>
        <location filename="../../app/ui/identity_page.py" line="248"/>
        <source>Formulaire d’identité</source>
        <translation>Identity form</translation>
    </message>
    <message>
        <location filename="../../app/ui/identity_page.py" line="250"/>
        <source>Tab : champ suivant · Entrée dans le dernier champ ou Ctrl+Entrée : créer le dossier · Échap : quitter</source>
        <translation>Tab: next field · Enter in the last field or Ctrl+Enter: create the case · Esc: exit</translation>
    </message>
    <message>
        <location filename="../../app/ui/identity_page.py" line="298"/>
        <source>Message pour %1</source>
        <translation>Message for %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/identity_page.py" line="406"/>
        <source>Répondez oui ou non : l’activité indépendante est-elle l’activité principale ?</source>
        <translation>Answer yes or no: is the self-employed activity the main activity?</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/identity_page.py" line="483"/>
        <source>Le dossier n’est pas créé : %n champ à corriger.</source>
        <translation>
            <numerusform>The case is not created: %n field to correct.</numerusform>
            <numerusform>The case is not created: %n fields to correct.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/identity_page.py" line="485"/>
        <source>Le dossier n’est pas créé : %n champs à corriger.</source>
        <translation>
            <numerusform>The case is not created: %n field to correct.</numerusform>
            <numerusform>The case is not created: %n fields to correct.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/identity_page.py" line="523"/>
        <source>Dossier non créé</source>
        <translation>Case not created</translation>
    </message>
    <message>
        <location filename="../../app/ui/identity_page.py" line="524"/>
        <source>Le dossier n’a pas pu être enregistré : %1</source>
        <translation>The case could not be saved: %1</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../app/ui/login_dialog.py" line="391"/>
        <source>Le poste %s est déjà utilisé : ce poste devient le poste %s.</source>
        <translation>Workstation %s is already in use; this workstation is now %s.</translation>
    </message>
    <message>
        <location filename="../../app/ui/login_dialog.py" line="108"/>
        <source>Connexion au serveur central</source>
        <translation>Sign in to the central server</translation>
    </message>
    <message>
        <location filename="../../app/ui/login_dialog.py" line="114"/>
        <source>Connectez-vous avec le compte de votre organisme (Urssaf, Assurance Maladie, service social, Caf, Assurance retraite) pour voir les dossiers qui lui sont orientés. Le mot de passe n’est pas conservé.</source>
        <translation>Sign in with your organisation&apos;s account (Urssaf, Assurance Maladie, social services, Caf, Assurance retraite) to see the cases referred to it. The password is not kept.</translation>
    </message>
    <message>
        <location filename="../../app/ui/login_dialog.py" line="119"/>
        <source>Cette connexion ne dure que le temps de la fenêtre.</source>
        <translation>This sign-in only lasts as long as the window.</translation>
    </message>
    <message>
        <location filename="../../app/ui/login_dialog.py" line="121"/>
        <source>Connectez-vous pour synchroniser les dossiers de ce poste. Le mot de passe n’est pas conservé.</source>
        <translation>Sign in to sync this workstation’s cases. The password is not kept.</translation>
    </message>
    <message>
        <location filename="../../app/ui/login_dialog.py" line="130"/>
        <source>Adresse du serveur</source>
        <translation>Server address</translation>
    </message>
    <message>
        <location filename="../../app/ui/login_dialog.py" line="133"/>
        <source>Identifiant</source>
        <translation>Login</translation>
    </message>
    <message>
        <location filename="../../app/ui/login_dialog.py" line="136"/>
        <source>Mot de passe</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../app/ui/login_dialog.py" line="141"/>
        <source>Nouveau mot de passe</source>
        <translation>New password</translation>
    </message>
    <message>
        <location filename="../../app/ui/login_dialog.py" line="144"/>
        <source>Nouveau mot de passe, à nouveau</source>
        <translation>New password, again</translation>
    </message>
    <message>
        <location filename="../../app/ui/login_dialog.py" line="147"/>
        <source>&amp;Adresse du serveur :</source>
        <translation>Server &amp;address:</translation>
    </message>
    <message>
        <location filename="../../app/ui/login_dialog.py" line="148"/>
        <source>&amp;Identifiant :</source>
        <translation>&amp;Login:</translation>
    </message>
    <message>
        <location filename="../../app/ui/login_dialog.py" line="149"/>
        <source>&amp;Mot de passe :</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <location filename="../../app/ui/login_dialog.py" line="150"/>
        <source>&amp;Nouveau mot de passe :</source>
        <translation>&amp;New password:</translation>
    </message>
    <message>
        <location filename="../../app/ui/login_dialog.py" line="151"/>
        <source>&amp;Confirmer le nouveau :</source>
        <translation>&amp;Confirm the new one:</translation>
    </message>
    <message>
        <location filename="../../app/ui/login_dialog.py" line="162"/>
        <source>Erreur de connexion</source>
        <translation>Sign-in error</translation>
    </message>
    <message>
        <location filename="../../app/ui/login_dialog.py" line="170"/>
        <location filename="../../app/ui/login_dialog.py" line="254"/>
        <location filename="../../app/ui/login_dialog.py" line="329"/>
        <source>Se &amp;connecter</source>
        <translation>&amp;Sign in</translation>
    </message>
    <message>
        <location filename="../../app/ui/login_dialog.py" line="173"/>
        <source>Se connecter</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../../app/ui/login_dialog.py" line="176"/>
        <location filename="../../app/ui/login_dialog.py" line="177"/>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/login_dialog.py" line="217"/>
        <source>Adresse du serveur invalide : elle commence par http:// ou https://, par exemple http://serveur:8765.</source>
        <translation>Invalid server address: it starts with http:// or https://, for example http://server:8765.</translation>
    </message>
    <message>
        <location filename="../../app/ui/login_dialog.py" line="222"/>
        <source>Saisissez l’identifiant et le mot de passe.</source>
        <translation>Enter the login and the password.</translation>
    </message>
    <message>
        <location filename="../../app/ui/login_dialog.py" line="229"/>
        <source>Nouveau mot de passe : 12 caractères au moins, sans l’identifiant, ni mot de passe courant ou facile à deviner (par exemple plusieurs mots sans rapport).</source>
        <translation>New password: at least 12 characters, without the login, not a common or easily guessed password (for instance several unrelated words).</translation>
    </message>
    <message>
        <location filename="../../app/ui/login_dialog.py" line="235"/>
        <source>Les deux saisies du nouveau mot de passe diffèrent : saisissez deux fois le même.</source>
        <translation>The two entries of the new password differ: type the same one twice.</translation>
    </message>
    <message>
        <location filename="../../app/ui/login_dialog.py" line="242"/>
        <source>Connexion…</source>
        <translation>Signing in…</translation>
    </message>
    <message>
        <location filename="../../app/ui/login_dialog.py" line="335"/>
        <source>Ce mot de passe a été défini par un administrateur : choisissez-en un nouveau, saisi deux fois (12 caractères au moins, sans l’identifiant).</source>
        <translation>This password was set by an administrator: choose a new one, typed twice (at least 12 characters, without the login).</translation>
    </message>
    <message>
        <location filename="../../app/ui/login_dialog.py" line="355"/>
        <source>Ce compte n’est pas un compte partenaire : l’espace partenaire est réservé aux agents des organismes.</source>
        <translation>This account is not a partner account: the partner space is for the organisations&apos; staff only.</translation>
    </message>
    <message>
        <location filename="../../app/ui/login_dialog.py" line="378"/>
        <source>Nouveau mot de passe trop court : 12 caractères au moins.</source>
        <translation>New password too short: at least 12 characters.</translation>
    </message>
    <message>
        <location filename="../../app/ui/login_dialog.py" line="380"/>
        <source>Nouveau mot de passe refusé : il ne doit pas contenir l’identifiant.</source>
        <translation>New password refused: it must not contain the login.</translation>
    </message>
    <message>
        <location filename="../../app/ui/login_dialog.py" line="383"/>
        <source>Nouveau mot de passe refusé : il doit différer de l’actuel.</source>
        <translation>New password refused: it must differ from the current one.</translation>
    </message>
    <message>
        <location filename="../../app/ui/login_dialog.py" line="384"/>
        <source>Nouveau mot de passe refusé : trop courant ou trop facile à deviner. Choisissez par exemple plusieurs mots sans rapport entre eux, 12 caractères au moins.</source>
        <translation>New password refused: too common or too easy to guess. Choose for instance several unrelated words, at least 12 characters.</translation>
    </message>
    <message>
        <location filename="../../app/ui/login_dialog.py" line="398"/>
        <source>Le trousseau du système est indisponible : le jeton ne peut pas être conservé (%s).</source>
        <translation>The system keyring is unavailable: the token cannot be kept (%s).</translation>
    </message>
    <message>
        <location filename="../../app/ui/login_dialog.py" line="352"/>
        <source>Identifiant ou mot de passe incorrect.</source>
        <translation>Wrong login or password.</translation>
    </message>
    <message>
        <location filename="../../app/ui/login_dialog.py" line="107"/>
        <source>Connexion à l’espace partenaire</source>
        <translation>Sign in to the partner space</translation>
    </message>
    <message>
        <location filename="../../app/ui/login_dialog.py" line="361"/>
        <source>Trop de tentatives échouées pour cet identifiant : réessayez dans %s secondes.</source>
        <translation>Too many failed attempts for this login: try again in %s seconds.</translation>
    </message>
    <message>
        <location filename="../../app/ui/login_dialog.py" line="364"/>
        <source>Trop de tentatives échouées pour cet identifiant : réessayez dans quelques minutes.</source>
        <translation>Too many failed attempts for this login: try again in a few minutes.</translation>
    </message>
    <message>
        <location filename="../../app/ui/login_dialog.py" line="368"/>
        <source>Le serveur %s est injoignable. Vérifiez l’adresse et le réseau.</source>
        <translation>The server %s cannot be reached. Check the address and the network.</translation>
    </message>
    <message>
        <location filename="../../app/ui/login_dialog.py" line="372"/>
        <source>Le serveur central a répondu par une erreur (%s).</source>
        <translation>The central server answered with an error (%s).</translation>
    </message>
</context>
<context>
    <name>LogoutDialog</name>
    <message>
        <location filename="../../app/ui/logout_dialog.py" line="20"/>
        <source>Se déconnecter du serveur central</source>
        <translation>Sign out of the central server</translation>
    </message>
    <message>
        <location filename="../../app/ui/logout_dialog.py" line="24"/>
        <source>La synchronisation automatique s’arrête et la connexion de ce poste est effacée.</source>
        <translation>Automatic sync stops and this workstation&apos;s sign-in is removed.</translation>
    </message>
    <message>
        <location filename="../../app/ui/logout_dialog.py" line="28"/>
        <source>Retirer aussi les dossiers de ce poste (poste partagé) : ils restent sur le serveur central</source>
        <translation>Also remove the cases from this workstation (shared workstation): they stay on the central server</translation>
    </message>
    <message>
        <location filename="../../app/ui/logout_dialog.py" line="32"/>
        <source>Retirer les dossiers de ce poste</source>
        <translation>Remove the cases from this workstation</translation>
    </message>
    <message>
        <location filename="../../app/ui/logout_dialog.py" line="42"/>
        <source>Les dossiers ne peuvent pas être retirés : 1 dossier n’est pas encore synchronisé. Synchronisez (F5), puis déconnectez-vous.</source>
        <translation>The cases cannot be removed: 1 case is not synced yet. Sync (F5), then sign out.</translation>
    </message>
    <message>
        <location filename="../../app/ui/logout_dialog.py" line="46"/>
        <source>Les dossiers ne peuvent pas être retirés : %s dossiers ne sont pas encore synchronisés. Synchronisez (F5), puis déconnectez-vous.</source>
        <translation>The cases cannot be removed: %s cases are not synced yet. Sync (F5), then sign out.</translation>
    </message>
    <message>
        <location filename="../../app/ui/logout_dialog.py" line="51"/>
        <source>Se &amp;déconnecter</source>
        <translation>Sign &amp;out</translation>
    </message>
    <message>
        <location filename="../../app/ui/logout_dialog.py" line="54"/>
        <source>Se déconnecter</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <location filename="../../app/ui/logout_dialog.py" line="57"/>
        <location filename="../../app/ui/logout_dialog.py" line="58"/>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/main_window.py" line="138"/>
        <source>Accueil TI — %s-%s</source>
        <translation>Accueil TI — %s-%s</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="140"/>
        <location filename="../../app/ui/main_window.py" line="1404"/>
        <source>Accueil TI</source>
        <translation>Accueil TI</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="204"/>
        <source>Rechercher un dossier</source>
        <translation>Search for a case</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="205"/>
        <source>Nom, n° de dossier, SIRET ou NIR</source>
        <translation>Name, case no., SIRET or NIR</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="210"/>
        <source>&amp;Rechercher :</source>
        <translation>&amp;Search:</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="214"/>
        <source>&amp;Urgents uniquement</source>
        <translation>&amp;Urgent only</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="216"/>
        <source>Urgents uniquement</source>
        <translation>Urgent only</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="238"/>
        <source>S&amp;tatut :</source>
        <translation>S&amp;tatus:</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="239"/>
        <location filename="../../app/ui/main_window.py" line="241"/>
        <location filename="../../app/ui/main_window.py" line="245"/>
        <source>Tous</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="240"/>
        <source>&amp;Organisme :</source>
        <translation>&amp;Agency:</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="244"/>
        <source>S&amp;ite :</source>
        <translation>S&amp;ite:</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="252"/>
        <source>&amp;Période :</source>
        <translation>&amp;Period:</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="254"/>
        <source>&amp;Mes dossiers</source>
        <translation>&amp;My cases</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="256"/>
        <source>Mes dossiers</source>
        <translation>My cases</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="257"/>
        <source>Seulement les dossiers ouverts par l’agent connecté</source>
        <translation>Only the cases opened by the signed-in agent</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/main_window.py" line="264"/>
        <source>Sans nouvelle du partenaire depuis %n jour ouvré</source>
        <translation>
            <numerusform>No response from the partner for %n working day</numerusform>
            <numerusform>No response from the partner for %n working days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/main_window.py" line="265"/>
        <source>Sans nouvelle du partenaire depuis %n jours ouvrés</source>
        <translation>
            <numerusform>No response from the partner for %n working day</numerusform>
            <numerusform>No response from the partner for %n working days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/main_window.py" line="267"/>
        <source>Dossiers ouverts dont une orientation transmise n’a eu aucune action du partenaire depuis %n jour ouvré (jours fériés exclus)</source>
        <translation>
            <numerusform>Open cases with a referral sent on which the partner has taken no action for %n working day (public holidays excluded)</numerusform>
            <numerusform>Open cases with a referral sent on which the partner has taken no action for %n working days (public holidays excluded)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/main_window.py" line="270"/>
        <source>Dossiers ouverts dont une orientation transmise n’a eu aucune action du partenaire depuis %n jours ouvrés (jours fériés exclus)</source>
        <translation>
            <numerusform>Open cases with a referral sent on which the partner has taken no action for %n working day (public holidays excluded)</numerusform>
            <numerusform>Open cases with a referral sent on which the partner has taken no action for %n working days (public holidays excluded)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="296"/>
        <source>Barre de menus</source>
        <translation>Menu bar</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="317"/>
        <source>&amp;Journal d’audit du serveur…</source>
        <translation>Server &amp;audit log…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="319"/>
        <source>Consulter le journal d’audit du serveur central (comptes administrateurs)</source>
        <translation>Read the central server&apos;s audit log (administrator accounts)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/main_window.py" line="1365"/>
        <source>%n dossier effacé sur le serveur central, retiré de ce poste.</source>
        <translation>
            <numerusform>%n case erased on the central server, removed from this workstation.</numerusform>
            <numerusform>%n cases erased on the central server, removed from this workstation.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/main_window.py" line="1367"/>
        <source>%n dossiers effacés sur le serveur central, retirés de ce poste.</source>
        <translation>
            <numerusform>%n case erased on the central server, removed from this workstation.</numerusform>
            <numerusform>%n cases erased on the central server, removed from this workstation.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/main_window.py" line="1371"/>
        <source>Durées de conservation : %n dossier retiré de ce poste.</source>
        <translation>
            <numerusform>Retention periods: %n case removed from this workstation.</numerusform>
            <numerusform>Retention periods: %n cases removed from this workstation.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/main_window.py" line="1373"/>
        <source>Durées de conservation : %n dossiers retirés de ce poste.</source>
        <translation>
            <numerusform>Retention periods: %n case removed from this workstation.</numerusform>
            <numerusform>Retention periods: %n cases removed from this workstation.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/main_window.py" line="1548"/>
        <source>Les dossiers n’ont pas été retirés de ce poste : %n n’est pas encore synchronisé.</source>
        <translation>
            <numerusform>The cases were not removed from this workstation: %n is not synced yet.</numerusform>
            <numerusform>The cases were not removed from this workstation: %n are not synced yet.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/main_window.py" line="1550"/>
        <source>Les dossiers n’ont pas été retirés de ce poste : %n ne sont pas encore synchronisés.</source>
        <translation>
            <numerusform>The cases were not removed from this workstation: %n is not synced yet.</numerusform>
            <numerusform>The cases were not removed from this workstation: %n are not synced yet.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/main_window.py" line="1556"/>
        <source>%n dossier retiré de ce poste (il reste sur le serveur central).</source>
        <translation>
            <numerusform>%n case removed from this workstation (it stays on the central server).</numerusform>
            <numerusform>%n cases removed from this workstation (they stay on the central server).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/main_window.py" line="1558"/>
        <source>%n dossiers retirés de ce poste (ils restent sur le serveur central).</source>
        <translation>
            <numerusform>%n case removed from this workstation (it stays on the central server).</numerusform>
            <numerusform>%n cases removed from this workstation (they stay on the central server).</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="435"/>
        <location filename="../../app/ui/main_window.py" line="437"/>
        <source>Actions principales</source>
        <translation>Main actions</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="261"/>
        <source>Sans nou&amp;velle</source>
        <translation>No &amp;response</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="339"/>
        <source>&amp;Paramètres des sites…</source>
        <translation>&amp;Site settings…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="341"/>
        <source>Adresse, téléphone, adresse électronique et horaires imprimés pour chaque site (comptes administrateurs)</source>
        <translation>Address, phone, e-mail and opening hours printed for each site (administrator accounts)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="455"/>
        <source>Barre d’état</source>
        <translation>Status bar</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="456"/>
        <location filename="../../app/ui/main_window.py" line="792"/>
        <source>Chargement…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="458"/>
        <source>Nombre de dossiers</source>
        <translation>Number of cases</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="462"/>
        <source>Poste de travail</source>
        <translation>Workstation</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="469"/>
        <location filename="../../app/ui/main_window.py" line="1346"/>
        <location filename="../../app/ui/main_window.py" line="1359"/>
        <location filename="../../app/ui/main_window.py" line="1511"/>
        <location filename="../../app/ui/main_window.py" line="1564"/>
        <source>Synchronisation : %s</source>
        <translation>Sync: %s</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="471"/>
        <source>État de la synchronisation</source>
        <translation>Sync status</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="472"/>
        <location filename="../../app/ui/main_window.py" line="1512"/>
        <source>Aucune connexion au serveur central : F5 pour se connecter</source>
        <translation>Not signed in to the central server: F5 to sign in</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="476"/>
        <source>Synchronisation en cours</source>
        <translation>Sync in progress</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="484"/>
        <source>Mises à jour des partenaires</source>
        <translation>Partner updates</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="493"/>
        <source>Dossiers en quarantaine</source>
        <translation>Cases in quarantine</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="494"/>
        <source>Dossiers refusés par le serveur central : voir le motif et les corriger</source>
        <translation>Cases refused by the central server: see the reason and correct them</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="959"/>
        <source>Dossier %1 effacé de ce poste ; le serveur central et les autres postes l’effaceront à la prochaine synchronisation.</source>
        <translation>Case %1 erased from this workstation; the central server and the other workstations will erase it at the next sync.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="968"/>
        <source>Correction enregistrée dans l’historique du dossier.</source>
        <translation>Correction recorded in the case’s history.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="1043"/>
        <source>Rappel programmé le %1.</source>
        <translation>Call-back scheduled for %1.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="1065"/>
        <source>Agenda du site %s</source>
        <translation>Site %s agenda</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="1080"/>
        <source>Rien n’a été enregistré : %1</source>
        <translation>Nothing was saved: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="1113"/>
        <source>Document indisponible</source>
        <translation>Document unavailable</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="1114"/>
        <source>La convocation n’a pas pu être préparée : %1</source>
        <translation>The appointment letter could not be prepared: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="1133"/>
        <location filename="../../app/ui/main_window.py" line="1149"/>
        <source>Export impossible</source>
        <translation>Cannot export</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="1134"/>
        <source>Le rendez-vous n’a pas pu être exporté : %1</source>
        <translation>The appointment could not be exported: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="1150"/>
        <source>Le fichier n’a pas pu être écrit : %1</source>
        <translation>The file could not be written: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="1153"/>
        <source>Exporté pour un agenda : %1</source>
        <translation>Exported for a calendar: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="1166"/>
        <source>Exporter le rendez-vous</source>
        <translation>Export the appointment</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="1168"/>
        <source>Calendrier (*.ics)</source>
        <translation>Calendar (*.ics)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="1201"/>
        <source>Note pour %1 enregistrée : elle partira à la prochaine synchronisation.</source>
        <translation>Note for %1 saved: it will be sent at the next sync.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="1240"/>
        <source>Rappel marqué « %1 ».</source>
        <translation>Call-back marked “%1”.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="1272"/>
        <source>Une synchronisation est déjà en cours.</source>
        <translation>A sync is already in progress.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="1333"/>
        <source>Connecté au serveur central.</source>
        <translation>Signed in to the central server.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="1340"/>
        <source>Synchronisation…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="1347"/>
        <source>État de la synchronisation avec %s : %s</source>
        <translation>Sync state with %s: %s</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="1390"/>
        <source>1 dossier mis à jour par les partenaires</source>
        <translation>1 case updated by the partners</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="1392"/>
        <source>%s dossiers mis à jour par les partenaires</source>
        <translation>%s cases updated by the partners</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="1397"/>
        <source>1 suivi de partenaire reçu</source>
        <translation>1 partner follow-up received</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="1399"/>
        <source>%s suivis de partenaires reçus</source>
        <translation>%s partner follow-ups received</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="1408"/>
        <source>%s — %s : %s</source>
        <translation>%s — %s: %s</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="1424"/>
        <source>1 dossier en quarantaine</source>
        <translation>1 case in quarantine</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="1426"/>
        <source>%s dossiers en quarantaine</source>
        <translation>%s cases in quarantine</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="1450"/>
        <source>Fusion enregistrée : le dossier sera envoyé au serveur central.</source>
        <translation>Merge saved: the case will be sent to the central server.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="1495"/>
        <source>Déconnexion du serveur central…</source>
        <translation>Signing out of the central server…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="1497"/>
        <source>Ce poste n’était pas connecté au serveur central.</source>
        <translation>This workstation was not signed in to the central server.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="1514"/>
        <source>Déconnecté du serveur central : la synchronisation automatique est arrêtée.</source>
        <translation>Signed out of the central server: automatic sync is stopped.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="1519"/>
        <source>Elle est tout de même révoquée sur le serveur central.</source>
        <translation>It is revoked on the central server all the same.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="1521"/>
        <source>Le serveur central n’a pas pu être prévenu (injoignable) ; la connexion expirera d’elle-même.</source>
        <translation>The central server could not be told (unreachable); the session will expire by itself.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="1524"/>
        <source>1 dossier modifié n’est pas encore envoyé : il reste sur ce poste et partira à la prochaine connexion (F5).</source>
        <translation>1 changed case is not sent yet: it stays on this workstation and will be sent at the next sign-in (F5).</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="1527"/>
        <source>%s dossiers modifiés ne sont pas encore envoyés : ils restent sur ce poste et partiront à la prochaine connexion (F5).</source>
        <translation>%s changed cases are not sent yet: they stay on this workstation and will be sent at the next sign-in (F5).</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="1545"/>
        <source>Les dossiers n’ont pas été retirés de ce poste : des appels de la liste d’appels ne sont pas encore synchronisés.</source>
        <translation>The cases were not removed from this workstation: calls of the call list are not synced yet.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="1675"/>
        <source>Le dossier n’a pas pu être rattaché à la liste d’appels : %s</source>
        <translation>The case could not be linked to the call list: %s</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="1677"/>
        <source>Dossier rattaché à la liste d’appels.</source>
        <translation>Case linked to the call list.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="507"/>
        <source>Poste %s-%s</source>
        <translation>Workstation %s-%s</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="509"/>
        <source> — %s</source>
        <translation> — %s</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="783"/>
        <source>Aucun dossier</source>
        <translation>No cases</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="785"/>
        <source>1 dossier</source>
        <translation>1 case</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="787"/>
        <source>%s dossiers</source>
        <translation>%s cases</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="795"/>
        <source>La liste n’a pas pu être lue : %s</source>
        <translation>The list could not be read: %s</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="998"/>
        <source>Paramètres enregistrés.</source>
        <translation>Settings saved.</translation>
    </message>
</context>
<context>
    <name>PartnerDossierView</name>
    <message>
        <location filename="../../app/ui/partner/detail.py" line="42"/>
        <source>Dossier sélectionné</source>
        <translation>Selected case</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/detail.py" line="72"/>
        <source>%s — %s</source>
        <translation>%s — %s</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/detail.py" line="75"/>
        <source>Urgent</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/detail.py" line="75"/>
        <source>À traiter en priorité.</source>
        <translation>Handle first.</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/detail.py" line="79"/>
        <source>À traiter en priorité : %s.</source>
        <translation>To handle first: %s.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/partner/detail.py" line="86"/>
        <source>Aucune action de votre organisme depuis %n jour ouvré.</source>
        <translation>
            <numerusform>No action from your agency for %n working day.</numerusform>
            <numerusform>No action from your agency for %n working days.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/partner/detail.py" line="88"/>
        <source>Aucune action de votre organisme depuis %n jours ouvrés.</source>
        <translation>
            <numerusform>No action from your agency for %n working day.</numerusform>
            <numerusform>No action from your agency for %n working days.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/detail.py" line="94"/>
        <source>Identité</source>
        <translation>Identity</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/detail.py" line="102"/>
        <source>Aucun champ d’identité transmis.</source>
        <translation>No identity field sent.</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/detail.py" line="104"/>
        <source>Situation</source>
        <translation>Situation</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/detail.py" line="109"/>
        <source>Aides relevant de : %s</source>
        <translation>Aids handled by: %s</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/detail.py" line="116"/>
        <source>Pourquoi : %s</source>
        <translation>Why: %s</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/detail.py" line="120"/>
        <source>Aucune aide de votre organisme n’est calculée pour ce dossier.</source>
        <translation>No aid of your organisation is computed for this case.</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/detail.py" line="123"/>
        <source>Réponses au questionnaire qui fondent ces aides</source>
        <translation>Questionnaire answers behind these aids</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/detail.py" line="128"/>
        <source>Consentement</source>
        <translation>Consent</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/detail.py" line="130"/>
        <location filename="../../app/ui/partner/detail.py" line="165"/>
        <source>Mode</source>
        <translation>How</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/detail.py" line="131"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/detail.py" line="132"/>
        <source>Version du texte</source>
        <translation>Text version</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/detail.py" line="136"/>
        <source>Suivi actuel</source>
        <translation>Current follow-up</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/detail.py" line="137"/>
        <location filename="../../app/ui/partner/detail.py" line="163"/>
        <source>Statut</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/detail.py" line="139"/>
        <source>Mis à jour le</source>
        <translation>Updated on</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/detail.py" line="142"/>
        <source>Note pour le guichet :</source>
        <translation>Note for the counter:</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/detail.py" line="153"/>
        <source>Note du guichet</source>
        <translation>Note from the counter</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/detail.py" line="160"/>
        <source>Rendez-vous</source>
        <translation>Appointment</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/detail.py" line="162"/>
        <source>Quand</source>
        <translation>When</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/detail.py" line="168"/>
        <source>Durée</source>
        <translation>Duration</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/detail.py" line="170"/>
        <source>Lieu</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/detail.py" line="170"/>
        <source>Reçu par</source>
        <translation>Seen by</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/detail.py" line="171"/>
        <source>À apporter</source>
        <translation>To bring</translation>
    </message>
</context>
<context>
    <name>PartnerInboxModel</name>
    <message>
        <location filename="../../app/ui/partner/model.py" line="40"/>
        <location filename="../../app/ui/partner/model.py" line="131"/>
        <source>Urgent</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/model.py" line="41"/>
        <source>N° de dossier</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/model.py" line="42"/>
        <source>Nom</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/model.py" line="43"/>
        <source>Suivi</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/model.py" line="44"/>
        <source>Mis à jour le</source>
        <translation>Updated on</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/partner/model.py" line="115"/>
        <source>Sans nouvelle : aucune action de votre organisme depuis %n jour ouvré</source>
        <translation>
            <numerusform>No response: no action from your agency for %n working day</numerusform>
            <numerusform>No response: no action from your agency for %n working days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/partner/model.py" line="117"/>
        <source>Sans nouvelle : aucune action de votre organisme depuis %n jours ouvrés</source>
        <translation>
            <numerusform>No response: no action from your agency for %n working day</numerusform>
            <numerusform>No response: no action from your agency for %n working days</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/model.py" line="120"/>
        <source>Pas encore pris en charge par votre organisme</source>
        <translation>Not yet taken in hand by your organisation</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/model.py" line="122"/>
        <source>Dossier urgent : à traiter en priorité</source>
        <translation>Urgent case: handle first</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/model.py" line="124"/>
        <source>Note pour le guichet : %s</source>
        <translation>Note for the counter: %s</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/model.py" line="132"/>
        <source>Non urgent</source>
        <translation>Not urgent</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/model.py" line="140"/>
        <source>%s — %s</source>
        <translation>%s — %s</translation>
    </message>
</context>
<context>
    <name>PartnerNotice</name>
    <message>
        <location filename="../../app/ui/partner_updates.py" line="67"/>
        <source>Mises à jour des partenaires</source>
        <translation>Partner updates</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner_updates.py" line="82"/>
        <source>Dossiers mis à jour</source>
        <translation>Updated cases</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner_updates.py" line="91"/>
        <source>Tout voir…</source>
        <translation>See all…</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner_updates.py" line="93"/>
        <source>Voir tout le suivi des partenaires</source>
        <translation>See all partner follow-ups</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner_updates.py" line="95"/>
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner_updates.py" line="97"/>
        <source>Fermer l’avis des partenaires</source>
        <translation>Close the partners’ notice</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner_updates.py" line="110"/>
        <source>1 dossier mis à jour par les partenaires</source>
        <translation>1 case updated by the partners</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner_updates.py" line="112"/>
        <source>%s dossiers mis à jour par les partenaires</source>
        <translation>%s cases updated by the partners</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner_updates.py" line="116"/>
        <source>%(number)s — %(name)s : %(organisme)s, %(suivi)s</source>
        <translation>%(number)s — %(name)s: %(organisme)s, %(suivi)s</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner_updates.py" line="123"/>
        <source>«&#xa0;%s&#xa0;»</source>
        <translation>“%s”</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner_updates.py" line="127"/>
        <source>… et %s autres (Tout voir…)</source>
        <translation>… and %s more (See all…)</translation>
    </message>
</context>
<context>
    <name>PartnerUpdatesDialog</name>
    <message>
        <location filename="../../app/ui/partner_updates.py" line="158"/>
        <location filename="../../app/ui/partner_updates.py" line="159"/>
        <location filename="../../app/ui/partner_updates.py" line="168"/>
        <source>Suivi des partenaires</source>
        <translation>Partner follow-ups</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner_updates.py" line="162"/>
        <source>Les suites données par les partenaires aux orientations des dossiers de ce poste, les plus récentes d’abord.</source>
        <translation>What the partners did with the orientations of this workstation’s cases, most recent first.</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner_updates.py" line="170"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner_updates.py" line="170"/>
        <source>Dossier</source>
        <translation>Case</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner_updates.py" line="170"/>
        <source>Organisme</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner_updates.py" line="170"/>
        <source>Suivi</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner_updates.py" line="171"/>
        <location filename="../../app/ui/partner_updates.py" line="188"/>
        <source>Note du partenaire</source>
        <translation>Partner’s note</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner_updates.py" line="178"/>
        <source>En-têtes des colonnes</source>
        <translation>Column headers</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner_updates.py" line="192"/>
        <source>Aucun suivi de partenaire pour l’instant.</source>
        <translation>No partner follow-up yet.</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner_updates.py" line="197"/>
        <source>&amp;Voir le dossier</source>
        <translation>&amp;Show the case</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner_updates.py" line="199"/>
        <source>Voir le dossier</source>
        <translation>Show the case</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner_updates.py" line="200"/>
        <source>Sélectionner ce dossier dans la liste (Entrée)</source>
        <translation>Select this case in the list (Enter)</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner_updates.py" line="202"/>
        <location filename="../../app/ui/partner_updates.py" line="204"/>
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner_updates.py" line="226"/>
        <source>Nouveau
%s</source>
        <translation>New
%s</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner_updates.py" line="264"/>
        <source>%s, le %s : %s — «&#xa0;%s&#xa0;»</source>
        <translation>%s, on %s: %s — “%s”</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner_updates.py" line="267"/>
        <source>%s, le %s : %s — pas de note</source>
        <translation>%s, on %s: %s — no note</translation>
    </message>
</context>
<context>
    <name>PartnerWindow</name>
    <message>
        <location filename="../../app/ui/partner/window.py" line="152"/>
        <source>Espace partenaire</source>
        <translation>Partner space</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="173"/>
        <source>Connectez-vous avec le compte de votre organisme.</source>
        <translation>Sign in with your organisation&apos;s account.</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="810"/>
        <location filename="../../app/ui/partner/window.py" line="862"/>
        <source>Se &amp;connecter…</source>
        <translation>Sign &amp;in…</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="208"/>
        <source>Barre de menus</source>
        <translation>Menu bar</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="240"/>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="275"/>
        <source>Rechercher un dossier</source>
        <translation>Search for a case</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="276"/>
        <source>Nom, prénom ou n° de dossier</source>
        <translation>Last name, first name or case no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="279"/>
        <source>&amp;Rechercher :</source>
        <translation>&amp;Search:</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="285"/>
        <source>Filtrer par suivi</source>
        <translation>Filter by follow-up</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="286"/>
        <source>Tous les suivis</source>
        <translation>All follow-ups</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="287"/>
        <source>Non clôturés</source>
        <translation>Not closed</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/partner/window.py" line="290"/>
        <source>Sans nouvelle depuis %n jour ouvré</source>
        <translation>
            <numerusform>No response for %n working day</numerusform>
            <numerusform>No response for %n working days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/partner/window.py" line="291"/>
        <source>Sans nouvelle depuis %n jours ouvrés</source>
        <translation>
            <numerusform>No response for %n working day</numerusform>
            <numerusform>No response for %n working days</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="295"/>
        <source>Sui&amp;vi :</source>
        <translation>Follo&amp;w-up:</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="308"/>
        <source>Dossiers orientés vers votre organisme</source>
        <translation>Cases referred to your organisation</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="310"/>
        <source>Dossiers urgents en premier. Flèches : changer de dossier ; Tab : saisir le suivi.</source>
        <translation>Urgent cases first. Arrows: change case; Tab: enter the follow-up.</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="329"/>
        <source>Nombre de dossiers</source>
        <translation>Number of cases</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="360"/>
        <source>Urgent</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="788"/>
        <source>Statut</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="788"/>
        <source>Résultat</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="789"/>
        <source>Note pour le guichet</source>
        <translation>Note for the counter</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="412"/>
        <source>Barre d’état</source>
        <translation>Status bar</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="332"/>
        <source>Afficher &amp;plus de dossiers</source>
        <translation>Show &amp;more cases</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="334"/>
        <source>Afficher plus de dossiers</source>
        <translation>Show more cases</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="335"/>
        <source>Lire les dossiers suivants de la liste</source>
        <translation>Read the next cases of the list</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="415"/>
        <source>Échange avec le serveur central en cours</source>
        <translation>Exchange with the central store under way</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="422"/>
        <source>Dernière mise à jour de la liste</source>
        <translation>Last update of the list</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="425"/>
        <source>Compte partenaire</source>
        <translation>Partner account</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="521"/>
        <source>Patientez : un échange avec le serveur central est en cours.</source>
        <translation>Please wait: an exchange with the central store is under way.</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="617"/>
        <source>Lecture des dossiers…</source>
        <translation>Reading the cases…</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="655"/>
        <source>Liste lue à %s</source>
        <translation>List read at %s</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="664"/>
        <source>Un dossier n’est plus visible : le consentement a pu être retiré.</source>
        <translation>A case is no longer visible: consent may have been withdrawn.</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="667"/>
        <source>%s dossiers ne sont plus visibles : le consentement a pu être retiré.</source>
        <translation>%s cases are no longer visible: consent may have been withdrawn.</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="670"/>
        <source>Un nouveau dossier.</source>
        <translation>One new case.</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="672"/>
        <source>%s nouveaux dossiers.</source>
        <translation>%s new cases.</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="678"/>
        <location filename="../../app/ui/partner/window.py" line="717"/>
        <location filename="../../app/ui/partner/window.py" line="751"/>
        <source>Ce dossier n’est plus visible : le consentement a pu être retiré.</source>
        <translation>This case is no longer visible: consent may have been withdrawn.</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="679"/>
        <location filename="../../app/ui/partner/window.py" line="718"/>
        <location filename="../../app/ui/partner/window.py" line="755"/>
        <source>&amp;OK</source>
        <translation>&amp;OK</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="721"/>
        <source>Le dossier n’a pas pu être lu.</source>
        <translation>The case could not be read.</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="753"/>
        <source>%s Dossier %s : le suivi n’a pas été envoyé et le dossier a été retiré de la liste.</source>
        <translation>%s Case %s: the follow-up was not sent and the case was removed from the list.</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="774"/>
        <source>Suivi envoyé au guichet pour le dossier %s : %s.</source>
        <translation>Follow-up sent to the counter for case %s: %s.</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="792"/>
        <source>%s : le serveur central refuse cette valeur (%s).</source>
        <translation>%s: the central store refuses this value (%s).</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="793"/>
        <source>Le serveur central a refusé le suivi : %s</source>
        <translation>The central store refused the follow-up: %s</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="798"/>
        <source>Votre session a expiré : reconnectez-vous pour continuer.</source>
        <translation>Your session has expired: sign in again to go on.</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="800"/>
        <source>Votre suivi est gardé : il sera à renvoyer.</source>
        <translation>Your follow-up is kept: send it again.</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="801"/>
        <source>Se re&amp;connecter…</source>
        <translation>Sign &amp;in again…</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="808"/>
        <source>Ce compte n’est pas un compte partenaire : connectez-vous avec le compte de votre organisme.</source>
        <translation>This account is not a partner account: sign in with your organisation&apos;s account.</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="815"/>
        <source>Le serveur central est injoignable : le suivi n’a pas été envoyé. Il est gardé ; vérifiez le réseau, puis réessayez.</source>
        <translation>The central store cannot be reached: the follow-up was not sent. It is kept; check the network, then try again.</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="818"/>
        <source>Le serveur central est injoignable : la liste affichée date de %s. Nouvel essai automatique dans deux minutes.</source>
        <translation>The central store cannot be reached: the list shown dates from %s. It will try again in two minutes.</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="822"/>
        <source>Le serveur central est injoignable : la liste ne peut pas être lue. Vérifiez le réseau ; nouvel essai automatique dans deux minutes.</source>
        <translation>The central store cannot be reached: the list cannot be read. Check the network; it will try again in two minutes.</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="826"/>
        <source>Le serveur central a répondu par une erreur : %s</source>
        <translation>The central store answered with an error: %s</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="828"/>
        <source>Réess&amp;ayer</source>
        <translation>Try &amp;again</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="853"/>
        <source>Vous êtes déconnecté.</source>
        <translation>You are signed out.</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="855"/>
        <source>Le serveur central n’a pas pu être prévenu : le jeton de session expirera de lui-même.</source>
        <translation>The central store could not be told: the session token will expire by itself.</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="878"/>
        <source>Connecté : %s.</source>
        <translation>Signed in: %s.</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="917"/>
        <source>Lecture du dossier…</source>
        <translation>Reading the case…</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="930"/>
        <source>Connectez-vous pour voir les dossiers orientés vers votre organisme.</source>
        <translation>Sign in to see the cases referred to your organisation.</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="933"/>
        <source>Aucun dossier n’est orienté vers votre organisme pour le moment.</source>
        <translation>No case is referred to your organisation at the moment.</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="935"/>
        <source>Aucun dossier ne correspond à la recherche.</source>
        <translation>No case matches the search.</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="936"/>
        <source>Sélectionnez un dossier dans la liste.</source>
        <translation>Select a case in the list.</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="947"/>
        <source>%s — %s</source>
        <translation>%s — %s</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="962"/>
        <source> ; d’autres suivent</source>
        <translation>; more follow</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="1115"/>
        <source>Agenda — %s</source>
        <translation>Agenda — %s</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="1132"/>
        <source>Patientez : un échange avec le serveur central est en cours, puis réessayez.</source>
        <translation>Please wait: an exchange with the central server is under way; then try again.</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="1145"/>
        <source>Le serveur central a refusé : %s</source>
        <translation>The central server refused: %s</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="1161"/>
        <source>Rendez-vous enregistré (%s, %s) pour le dossier %s : le guichet le verra à sa prochaine synchronisation.</source>
        <translation>Appointment saved (%s, %s) for case %s: the counter will see it at its next sync.</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="1168"/>
        <source>Dossier %s transmis à %s : la personne y avait consenti.</source>
        <translation>Case %s passed to %s: the person had consented.</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="1171"/>
        <source>Demande de réorientation vers %s envoyée au guichet : il demandera son accord à la personne (dossier %s).</source>
        <translation>Request to redirect to %s sent to the counter: it will ask for the person’s consent (case %s).</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="1197"/>
        <source>Ce dossier n’est pas dans la liste affichée : effacez la recherche et les filtres.</source>
        <translation>This case is not in the list shown: clear the search and the filters.</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="942"/>
        <source>Accueil TI — Espace partenaire</source>
        <translation>Accueil TI — Partner space</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="943"/>
        <source>Non connecté</source>
        <translation>Not signed in</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="946"/>
        <source>Accueil TI — Espace partenaire — %s</source>
        <translation>Accueil TI — Partner space — %s</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="948"/>
        <source>Connecté à %s</source>
        <translation>Signed in to %s</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="953"/>
        <source>Aucun dossier</source>
        <translation>No cases</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="955"/>
        <source>1 dossier</source>
        <translation>1 case</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="955"/>
        <source>%s dossiers</source>
        <translation>%s cases</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="958"/>
        <source>, dont 1 urgent</source>
        <translation>, 1 of them urgent</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="960"/>
        <source>, dont %s urgents</source>
        <translation>, %s of them urgent</translation>
    </message>
    <message>
        <location filename="../../app/ui/partner/window.py" line="995"/>
        <source>Une lecture est déjà en cours.</source>
        <translation>The list is already being read.</translation>
    </message>
</context>
<context>
    <name>PrintPreviewDialog</name>
    <message>
        <location filename="../../app/ui/print_preview.py" line="60"/>
        <source>Imprimer</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_preview.py" line="68"/>
        <source>Enregistrer en PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_preview.py" line="70"/>
        <source>Document PDF (*.pdf)</source>
        <translation>PDF document (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_preview.py" line="161"/>
        <source>Aperçu avant impression — %s</source>
        <translation>Print preview — %s</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_preview.py" line="162"/>
        <source>Aperçu avant impression</source>
        <translation>Print preview</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_preview.py" line="174"/>
        <source>Pages du document</source>
        <translation>Document pages</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_preview.py" line="180"/>
        <source>Page affichée</source>
        <translation>Displayed page</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_preview.py" line="183"/>
        <source>Zoom −</source>
        <translation>Zoom −</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_preview.py" line="183"/>
        <source>Réduire</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_preview.py" line="185"/>
        <source>Zoom +</source>
        <translation>Zoom +</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_preview.py" line="185"/>
        <source>Agrandir</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_preview.py" line="187"/>
        <source>Pleine largeur</source>
        <translation>Full width</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_preview.py" line="188"/>
        <source>Ajuster à la largeur de la fenêtre</source>
        <translation>Fit to window width</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_preview.py" line="190"/>
        <source>&amp;Imprimer…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_preview.py" line="191"/>
        <source>Imprimer sur une imprimante (Ctrl+P)</source>
        <translation>Print on a printer (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_preview.py" line="193"/>
        <source>&amp;Enregistrer en PDF…</source>
        <translation>&amp;Save as PDF…</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_preview.py" line="194"/>
        <source>Enregistrer le document en PDF (Ctrl+S)</source>
        <translation>Save the document as PDF (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_preview.py" line="196"/>
        <source>&amp;Fermer</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_preview.py" line="196"/>
        <source>Fermer l’aperçu (Échap)</source>
        <translation>Close the preview (Esc)</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_preview.py" line="228"/>
        <source>Page %1 sur %2</source>
        <translation>Page %1 of %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_preview.py" line="253"/>
        <source>Impression non enregistrée</source>
        <translation>Printing not recorded</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_preview.py" line="254"/>
        <source>Le document est sorti, mais son impression n’a pas pu être notée dans le dossier : %s</source>
        <translation>The document was printed, but the printing could not be recorded in the case: %s</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_preview.py" line="267"/>
        <source>Impression impossible</source>
        <translation>Cannot print</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_preview.py" line="268"/>
        <source>Le document n’a pas pu être imprimé : %s</source>
        <translation>The document could not be printed: %s</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_preview.py" line="282"/>
        <source>Enregistrement impossible</source>
        <translation>Cannot save</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_preview.py" line="283"/>
        <source>Le fichier n’a pas pu être écrit : %s</source>
        <translation>The file could not be written: %s</translation>
    </message>
</context>
<context>
    <name>QuarantineDialog</name>
    <message>
        <location filename="../../app/ui/quarantine_dialog.py" line="73"/>
        <location filename="../../app/ui/quarantine_dialog.py" line="74"/>
        <source>Dossiers en quarantaine</source>
        <translation>Cases in quarantine</translation>
    </message>
    <message>
        <location filename="../../app/ui/quarantine_dialog.py" line="77"/>
        <source>Le serveur central a refusé ces dossiers. Ils restent sur ce poste, rien n’est perdu, mais ils ne sont pas renvoyés tels quels : ouvrez le dossier, corrigez ce que dit le motif et enregistrez ; la synchronisation suivante l’enverra de nouveau.</source>
        <translation>The central server refused these cases. They stay on this workstation, nothing is lost, but they are not sent again as they are: open the case, correct what the reason says and save; the next sync will send it again.</translation>
    </message>
    <message>
        <location filename="../../app/ui/quarantine_dialog.py" line="87"/>
        <source>Dossiers refusés par le serveur central</source>
        <translation>Cases refused by the central server</translation>
    </message>
    <message>
        <location filename="../../app/ui/quarantine_dialog.py" line="89"/>
        <source>N° de dossier</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/quarantine_dialog.py" line="89"/>
        <source>Nom</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/quarantine_dialog.py" line="89"/>
        <source>Refusé le</source>
        <translation>Refused on</translation>
    </message>
    <message>
        <location filename="../../app/ui/quarantine_dialog.py" line="89"/>
        <source>État</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../app/ui/quarantine_dialog.py" line="90"/>
        <source>Motif</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../app/ui/quarantine_dialog.py" line="97"/>
        <source>En-têtes des colonnes</source>
        <translation>Column headers</translation>
    </message>
    <message>
        <location filename="../../app/ui/quarantine_dialog.py" line="106"/>
        <source>Aucun dossier en quarantaine : le serveur central a accepté tous les dossiers envoyés.</source>
        <translation>No case in quarantine: the central server accepted every case sent.</translation>
    </message>
    <message>
        <location filename="../../app/ui/quarantine_dialog.py" line="112"/>
        <location filename="../../app/ui/quarantine_dialog.py" line="114"/>
        <location filename="../../app/ui/quarantine_dialog.py" line="118"/>
        <source>Motif du refus</source>
        <translation>Reason for the refusal</translation>
    </message>
    <message>
        <location filename="../../app/ui/quarantine_dialog.py" line="127"/>
        <source>Motif donné par le serveur</source>
        <translation>Reason given by the server</translation>
    </message>
    <message>
        <location filename="../../app/ui/quarantine_dialog.py" line="136"/>
        <source>&amp;Ouvrir le dossier</source>
        <translation>&amp;Open the case</translation>
    </message>
    <message>
        <location filename="../../app/ui/quarantine_dialog.py" line="138"/>
        <source>Ouvrir le dossier</source>
        <translation>Open the case</translation>
    </message>
    <message>
        <location filename="../../app/ui/quarantine_dialog.py" line="139"/>
        <source>Ouvrir le dossier sélectionné pour le corriger (Entrée)</source>
        <translation>Open the selected case to correct it (Enter)</translation>
    </message>
    <message>
        <location filename="../../app/ui/quarantine_dialog.py" line="143"/>
        <location filename="../../app/ui/quarantine_dialog.py" line="145"/>
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../app/ui/quarantine_dialog.py" line="163"/>
        <source>Corrigé, à renvoyer</source>
        <translation>Corrected, to be sent again</translation>
    </message>
    <message>
        <location filename="../../app/ui/quarantine_dialog.py" line="163"/>
        <source>À corriger</source>
        <translation>To correct</translation>
    </message>
    <message>
        <location filename="../../app/ui/quarantine_dialog.py" line="164"/>
        <source>Corrigé : nouvel envoi à la prochaine synchronisation</source>
        <translation>Corrected: sent again at the next sync</translation>
    </message>
    <message>
        <location filename="../../app/ui/quarantine_dialog.py" line="165"/>
        <source>Ouvrez le dossier pour le corriger</source>
        <translation>Open the case to correct it</translation>
    </message>
    <message>
        <location filename="../../app/ui/quarantine_dialog.py" line="166"/>
        <location filename="../../app/ui/quarantine_dialog.py" line="201"/>
        <source>Motif donné par le serveur : %s</source>
        <translation>Reason given by the server: %s</translation>
    </message>
</context>
<context>
    <name>QuestionnairePage</name>
    <message>
        <location filename="../../app/ui/questionnaire_page.py" line="98"/>
        <source>Questionnaire</source>
        <translation>Questionnaire</translation>
    </message>
    <message>
        <location filename="../../app/ui/questionnaire_page.py" line="101"/>
        <source>Avancement du questionnaire</source>
        <translation>Questionnaire progress</translation>
    </message>
    <message>
        <location filename="../../app/ui/questionnaire_page.py" line="103"/>
        <source>Questions répondues</source>
        <translation>Questions answered</translation>
    </message>
    <message>
        <location filename="../../app/ui/questionnaire_page.py" line="105"/>
        <source>Mode &amp;téléphone (Ctrl+T)</source>
        <translation>&amp;Phone mode (Ctrl+T)</translation>
    </message>
    <message>
        <location filename="../../app/ui/questionnaire_page.py" line="106"/>
        <source>Mode téléphone</source>
        <translation>Phone mode</translation>
    </message>
    <message>
        <location filename="../../app/ui/questionnaire_page.py" line="107"/>
        <source>Affiche la question à lire à voix haute et le récapitulatif des réponses</source>
        <translation>Shows the question to read aloud and the summary of answers</translation>
    </message>
    <message>
        <location filename="../../app/ui/questionnaire_page.py" line="112"/>
        <source>Thème de la question</source>
        <translation>Question topic</translation>
    </message>
    <message>
        <location filename="../../app/ui/questionnaire_page.py" line="119"/>
        <source>Question</source>
        <translation>Question</translation>
    </message>
    <message>
        <location filename="../../app/ui/questionnaire_page.py" line="123"/>
        <source>À lire à voix haute</source>
        <translation>To read aloud</translation>
    </message>
    <message>
        <location filename="../../app/ui/questionnaire_page.py" line="128"/>
        <source>À lire à la personne :</source>
        <translation>To read to the person:</translation>
    </message>
    <message>
        <location filename="../../app/ui/questionnaire_page.py" line="132"/>
        <source>Réponses possibles</source>
        <translation>Possible answers</translation>
    </message>
    <message>
        <location filename="../../app/ui/questionnaire_page.py" line="142"/>
        <source>Erreur d’enregistrement</source>
        <translation>Saving error</translation>
    </message>
    <message>
        <location filename="../../app/ui/questionnaire_page.py" line="146"/>
        <source>Réponses déjà données (Entrée ou clic pour modifier) :</source>
        <translation>Answers already given (Enter or click to change):</translation>
    </message>
    <message>
        <location filename="../../app/ui/questionnaire_page.py" line="151"/>
        <source>Récapitulatif des réponses</source>
        <translation>Summary of answers</translation>
    </message>
    <message>
        <location filename="../../app/ui/questionnaire_page.py" line="156"/>
        <source>1…9 : choisir et enregistrer · 0 : ne sait pas · ↑↓ puis Entrée · Retour arrière : question précédente · Échap : quitter</source>
        <translation>1…9: choose and save · 0: doesn’t know · ↑↓ then Enter · Backspace: previous question · Esc: exit</translation>
    </message>
    <message>
        <location filename="../../app/ui/questionnaire_page.py" line="181"/>
        <source>Question et récapitulatif</source>
        <translation>Question and summary</translation>
    </message>
    <message>
        <location filename="../../app/ui/questionnaire_page.py" line="256"/>
        <source>Question %1 / %2</source>
        <translation>Question %1 / %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/questionnaire_page.py" line="263"/>
        <source>%1 réponses enregistrées sur %2</source>
        <translation>%1 of %2 answers saved</translation>
    </message>
    <message>
        <location filename="../../app/ui/questionnaire_page.py" line="332"/>
        <source>⚠ La réponse n’a pas été enregistrée : %1. Appuyez sur Entrée pour réessayer.</source>
        <translation>⚠ The answer was not saved: %1. Press Enter to try again.</translation>
    </message>
</context>
<context>
    <name>RecallDialog</name>
    <message>
        <location filename="../../app/ui/call_list.py" line="385"/>
        <location filename="../../app/ui/call_list.py" line="386"/>
        <source>Rappel demandé</source>
        <translation>Call-back requested</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="387"/>
        <source>La personne demande à être rappelée : quand ?</source>
        <translation>The person asks to be called back: when?</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="391"/>
        <source>Date et heure du rappel</source>
        <translation>Call-back date and time</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="397"/>
        <source>&amp;Date et heure :</source>
        <translation>&amp;Date and time:</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="399"/>
        <source>Proposé : la prochaine heure ouvrée. Flèches haut et bas : changer la partie où est le curseur.</source>
        <translation>Suggested: the next working hour. Up and down arrows: change the part where the cursor is.</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="409"/>
        <source>&amp;Enregistrer le rappel</source>
        <translation>&amp;Save the call-back</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="410"/>
        <source>Enregistrer le rappel</source>
        <translation>Save the call-back</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="412"/>
        <source>Annuler (Échap)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="413"/>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="433"/>
        <source>⚠ Le rappel doit être dans le futur.</source>
        <translation>⚠ The call-back must be in the future.</translation>
    </message>
</context>
<context>
    <name>ReorientDialog</name>
    <message>
        <location filename="../../app/ui/reorient_dialog.py" line="44"/>
        <source>%1 caractère de trop (%2 au plus)</source>
        <translation>%1 character too many (%2 at most)</translation>
    </message>
    <message>
        <location filename="../../app/ui/reorient_dialog.py" line="46"/>
        <source>%1 caractères de trop (%2 au plus)</source>
        <translation>%1 characters too many (%2 at most)</translation>
    </message>
    <message>
        <location filename="../../app/ui/reorient_dialog.py" line="50"/>
        <source>%1 caractère restant sur %2</source>
        <translation>%1 character left out of %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/reorient_dialog.py" line="52"/>
        <source>%1 caractères restants sur %2</source>
        <translation>%1 characters left out of %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/reorient_dialog.py" line="85"/>
        <source>Caractères restants</source>
        <translation>Characters left</translation>
    </message>
    <message>
        <location filename="../../app/ui/reorient_dialog.py" line="89"/>
        <source>Erreur</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../app/ui/reorient_dialog.py" line="91"/>
        <source>&amp;Annuler</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/reorient_dialog.py" line="92"/>
        <source>Annuler sans rien envoyer</source>
        <translation>Cancel without sending anything</translation>
    </message>
    <message>
        <location filename="../../app/ui/reorient_dialog.py" line="114"/>
        <source>Note : %1 caractères au plus (%2 saisis).</source>
        <translation>Note: %1 characters at most (%2 entered).</translation>
    </message>
    <message>
        <location filename="../../app/ui/reorient_dialog.py" line="164"/>
        <source>Réorienter vers un autre organisme</source>
        <translation>Redirect to another agency</translation>
    </message>
    <message>
        <location filename="../../app/ui/reorient_dialog.py" line="167"/>
        <source>&amp;Réorienter</source>
        <translation>&amp;Redirect</translation>
    </message>
    <message>
        <location filename="../../app/ui/reorient_dialog.py" line="175"/>
        <source>Dossier de %1, orienté vers : %2</source>
        <translation>Case of %1, referred to: %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/reorient_dialog.py" line="179"/>
        <source>Dossier orienté vers : %1</source>
        <translation>Case referred to: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/reorient_dialog.py" line="184"/>
        <source>Organisme vers lequel réorienter</source>
        <translation>Agency to redirect to</translation>
    </message>
    <message>
        <location filename="../../app/ui/reorient_dialog.py" line="191"/>
        <source>%1 (déjà orienté)</source>
        <translation>%1 (already referred)</translation>
    </message>
    <message>
        <location filename="../../app/ui/reorient_dialog.py" line="196"/>
        <source>&amp;Organisme :</source>
        <translation>&amp;Agency:</translation>
    </message>
    <message>
        <location filename="../../app/ui/reorient_dialog.py" line="203"/>
        <source>Ce qui se passera</source>
        <translation>What will happen</translation>
    </message>
    <message>
        <location filename="../../app/ui/reorient_dialog.py" line="209"/>
        <source>Motif de la réorientation</source>
        <translation>Reason for redirecting</translation>
    </message>
    <message>
        <location filename="../../app/ui/reorient_dialog.py" line="212"/>
        <source>Pourquoi la personne relève de cet organisme : il est lu par l’organisme, et par le guichet s’il doit demander l’accord de la personne</source>
        <translation>Why the person comes under this agency: read by the agency, and by the counter if it must ask for the person’s consent</translation>
    </message>
    <message>
        <location filename="../../app/ui/reorient_dialog.py" line="218"/>
        <source>&amp;Motif :</source>
        <translation>&amp;Reason:</translation>
    </message>
    <message>
        <location filename="../../app/ui/reorient_dialog.py" line="243"/>
        <source>La personne a donné son consentement pour %1 : le dossier sera transmis à %1 dès l’envoi.</source>
        <translation>The person has given consent for %1: the case will be passed to %1 as soon as it is sent.</translation>
    </message>
    <message>
        <location filename="../../app/ui/reorient_dialog.py" line="249"/>
        <source>La personne n’a pas donné son consentement pour %1 : la demande ira au guichet, qui demandera son accord à la personne. Rien n’est transmis à %1 avant cet accord.</source>
        <translation>The person has not given consent for %1: the request will go to the counter, which will ask for the person’s consent. Nothing is passed to %1 before then.</translation>
    </message>
    <message>
        <location filename="../../app/ui/reorient_dialog.py" line="255"/>
        <source>Si la personne a donné son consentement pour %1, le dossier sera transmis à %1 dès l’envoi ; sinon la demande ira au guichet, qui demandera son accord à la personne. Le message affiché après l’envoi dit ce qui a été fait.</source>
        <translation>If the person has given consent for %1, the case will be passed to %1 as soon as it is sent; otherwise the request will go to the counter, which will ask for the person’s consent. The message shown after sending says what was done.</translation>
    </message>
    <message>
        <location filename="../../app/ui/reorient_dialog.py" line="268"/>
        <source>Organisme : le dossier est déjà orienté vers %1 ; choisissez un autre organisme.</source>
        <translation>Agency: the case is already referred to %1; choose another agency.</translation>
    </message>
    <message>
        <location filename="../../app/ui/reorient_dialog.py" line="273"/>
        <source>Motif : expliquez en quelques mots pourquoi la personne relève de cet organisme.</source>
        <translation>Reason: explain in a few words why the person comes under this agency.</translation>
    </message>
    <message>
        <location filename="../../app/ui/reorient_dialog.py" line="302"/>
        <location filename="../../app/ui/reorient_dialog.py" line="332"/>
        <source>Note pour l’organisme</source>
        <translation>Note for the agency</translation>
    </message>
    <message>
        <location filename="../../app/ui/reorient_dialog.py" line="303"/>
        <source>&amp;Enregistrer la note</source>
        <translation>&amp;Save the note</translation>
    </message>
    <message>
        <location filename="../../app/ui/reorient_dialog.py" line="313"/>
        <source>Orientation concernée</source>
        <translation>Referral concerned</translation>
    </message>
    <message>
        <location filename="../../app/ui/reorient_dialog.py" line="318"/>
        <source>&amp;Orientation :</source>
        <translation>&amp;Referral:</translation>
    </message>
    <message>
        <location filename="../../app/ui/reorient_dialog.py" line="321"/>
        <source>L’organisme lit cette note dans son espace partenaire, avec le dossier. Elle remplace la note précédente pour cet organisme.</source>
        <translation>The agency reads this note in its partner space, with the case. It replaces the previous note for this agency.</translation>
    </message>
    <message>
        <location filename="../../app/ui/reorient_dialog.py" line="334"/>
        <source>&amp;Note :</source>
        <translation>&amp;Note:</translation>
    </message>
    <message>
        <location filename="../../app/ui/reorient_dialog.py" line="347"/>
        <source>Orientation : ce dossier n’est orienté vers aucun organisme.</source>
        <translation>Referral: this case is not referred to any agency.</translation>
    </message>
</context>
<context>
    <name>ResultPage</name>
    <message>
        <location filename="../../app/ui/result_page.py" line="36"/>
        <source>Résultat du questionnaire</source>
        <translation>Questionnaire result</translation>
    </message>
    <message>
        <location filename="../../app/ui/result_page.py" line="40"/>
        <source>Résumé du résultat</source>
        <translation>Result summary</translation>
    </message>
    <message>
        <location filename="../../app/ui/result_page.py" line="46"/>
        <source>Aides envisageables et raisons</source>
        <translation>Possible aid and reasons</translation>
    </message>
    <message>
        <location filename="../../app/ui/result_page.py" line="48"/>
        <source>Modifier les &amp;réponses</source>
        <translation>Edit &amp;answers</translation>
    </message>
    <message>
        <location filename="../../app/ui/result_page.py" line="49"/>
        <source>Modifier les réponses</source>
        <translation>Edit answers</translation>
    </message>
    <message>
        <location filename="../../app/ui/result_page.py" line="51"/>
        <source>&amp;Imprimer la synthèse… (Ctrl+P)</source>
        <translation>&amp;Print the summary… (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../app/ui/result_page.py" line="52"/>
        <source>Imprimer la synthèse</source>
        <translation>Print the summary</translation>
    </message>
    <message>
        <location filename="../../app/ui/result_page.py" line="53"/>
        <source>Aperçu et impression de « Vos aides et vos contacts » pour la personne (Ctrl+P)</source>
        <translation>Preview and print “Your aid and your contacts” for the person (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../app/ui/result_page.py" line="58"/>
        <source>Entrée : continuer · Ctrl+P : imprimer la synthèse · Échap : quitter</source>
        <translation>Enter: continue · Ctrl+P: print the summary · Esc: leave</translation>
    </message>
    <message>
        <location filename="../../app/ui/result_page.py" line="92"/>
        <source>URGENT — situation à traiter en priorité</source>
        <translation>URGENT — situation to handle first</translation>
    </message>
    <message>
        <location filename="../../app/ui/result_page.py" line="100"/>
        <source>Aucune fragilité n’a été détectée.</source>
        <translation>No vulnerability was detected.</translation>
    </message>
    <message>
        <location filename="../../app/ui/result_page.py" line="104"/>
        <source>&amp;Voir les documents (Entrée)</source>
        <translation>&amp;View documents (Enter)</translation>
    </message>
    <message>
        <location filename="../../app/ui/result_page.py" line="105"/>
        <source>Voir les documents</source>
        <translation>View documents</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/result_page.py" line="110"/>
        <source>%n aide envisageable — à orienter vers : %1</source>
        <translation>
            <numerusform>%n possible aid — refer to: %1</numerusform>
            <numerusform>%n possible aids — refer to: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/result_page.py" line="112"/>
        <source>%n aides envisageables — à orienter vers : %1</source>
        <translation>
            <numerusform>%n possible aid — refer to: %1</numerusform>
            <numerusform>%n possible aids — refer to: %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/result_page.py" line="122"/>
        <source>Délai habituel : environ un mois.</source>
        <translation>Usual processing time: about a month.</translation>
    </message>
    <message>
        <location filename="../../app/ui/result_page.py" line="125"/>
        <source>À savoir : %1</source>
        <translation>Good to know: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/result_page.py" line="130"/>
        <source>Pourquoi : %1</source>
        <translation>Why: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/result_page.py" line="138"/>
        <source>Sans réponse (ne sait pas) : %1</source>
        <translation>No answer (does not know): %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/result_page.py" line="145"/>
        <source>1 jour</source>
        <translation>1 day</translation>
    </message>
    <message>
        <location filename="../../app/ui/result_page.py" line="145"/>
        <source>%1 jours</source>
        <translation>%1 days</translation>
    </message>
    <message>
        <location filename="../../app/ui/result_page.py" line="149"/>
        <source>Délai habituel constaté : %1 (médiane), %2 pour 9 demandes sur 10</source>
        <translation>Usual processing time observed: %1 (median), %2 for 9 requests out of 10</translation>
    </message>
    <message>
        <location filename="../../app/ui/result_page.py" line="150"/>
        <source>(demandes clôturées ces %1 derniers jours)</source>
        <translation>(requests closed in the last %1 days)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/result_page.py" line="166"/>
        <source>%1 ne peut pas être examinée : %2</source>
        <translation>
            <numerusform>%1 cannot be examined: %2</numerusform>
            <numerusform>%1 cannot be examined: %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/result_page.py" line="167"/>
        <source>%1 ne peuvent pas être examinées : %2</source>
        <translation>
            <numerusform>%1 cannot be examined: %2</numerusform>
            <numerusform>%1 cannot be examined: %2</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/result_page.py" line="171"/>
        <source>Complétez l’identité et la situation du dossier pour que ces aides soient examinées.</source>
        <translation>Complete the case’s identity and situation so that these aids can be examined.</translation>
    </message>
    <message>
        <location filename="../../app/ui/result_page.py" line="134"/>
        <source>Recueillir le &amp;consentement (Entrée)</source>
        <translation>Collect &amp;consent (Enter)</translation>
    </message>
    <message>
        <location filename="../../app/ui/result_page.py" line="135"/>
        <source>Recueillir le consentement</source>
        <translation>Collect consent</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="80"/>
        <location filename="../../app/ui/settings_dialog.py" line="81"/>
        <source>Paramètres</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="33"/>
        <source>Site</source>
        <translation>Site</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="89"/>
        <source>&amp;Site :</source>
        <translation>&amp;Site:</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="43"/>
        <source>Numéro de poste</source>
        <translation>Workstation number</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="45"/>
        <source>Deux chiffres, par exemple 01</source>
        <translation>Two digits, for example 01</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="92"/>
        <source>N° de &amp;poste :</source>
        <translation>&amp;Workstation no.:</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="97"/>
        <source>Le site et le n° de poste sont enregistrés dans la base locale lors de sa création et s’appliquent au prochain démarrage.</source>
        <translation>The site and workstation no. are saved in the local database when it is created and apply from the next startup.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="101"/>
        <source>La base locale de ce poste est rattachée à %s : elle garde ce site ; un autre site ne s’applique qu’à une nouvelle base locale.</source>
        <translation>This workstation’s local database belongs to %s: it keeps this site; another site only applies to a new local database.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="105"/>
        <source>Quand le site s’applique</source>
        <translation>When the site applies</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="53"/>
        <source>Nom de l’agent</source>
        <translation>Agent name</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="54"/>
        <source>Prénom Nom, tel qu’il figure sur les documents</source>
        <translation>First name Last name, as shown on the documents</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="109"/>
        <source>&amp;Nom de l’agent :</source>
        <translation>Agent &amp;name:</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="112"/>
        <source>Adresse du serveur central</source>
        <translation>Central server address</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="114"/>
        <source>Adresse du serveur &amp;central :</source>
        <translation>&amp;Central server address:</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="117"/>
        <source>Langue de l’interface</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="121"/>
        <source>&amp;Langue :</source>
        <translation>&amp;Language:</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="123"/>
        <source>&amp;Mode téléphone par défaut</source>
        <translation>&amp;Phone mode by default</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="124"/>
        <source>Mode téléphone par défaut</source>
        <translation>Phone mode by default</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="126"/>
        <source>Questions formulées pour être lues à voix haute, avec un récapitulatif en direct</source>
        <translation>Questions worded to be read aloud, with a live summary</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="131"/>
        <source>Taille du texte</source>
        <translation>Text size</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="135"/>
        <source>&amp;Taille du texte :</source>
        <translation>&amp;Text size:</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="137"/>
        <source>C&amp;ontraste élevé</source>
        <translation>High c&amp;ontrast</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="138"/>
        <source>Contraste élevé</source>
        <translation>High contrast</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="139"/>
        <source>Texte blanc sur fond noir, sélection en jaune</source>
        <translation>White text on black, selection in yellow</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="143"/>
        <source>La langue change au prochain démarrage.</source>
        <translation>The language changes at the next startup.</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="145"/>
        <source>Changement de langue</source>
        <translation>Language change</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="150"/>
        <source>&amp;Enregistrer</source>
        <translation>Sa&amp;ve</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="152"/>
        <source>Enregistrer</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="153"/>
        <location filename="../../app/ui/settings_dialog.py" line="155"/>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>SignalsDialog</name>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="54"/>
        <location filename="../../app/ui/signals_dialog.py" line="211"/>
        <source>Fichier de signalements</source>
        <translation>Reports file</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="56"/>
        <source>Fichiers CSV (*.csv *.txt);;Tous les fichiers (*)</source>
        <translation>CSV files (*.csv *.txt);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="70"/>
        <source>un code de source : %1 (ou choisir la source ci-dessus)</source>
        <translation>a source code: %1 (or choose the source above)</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="73"/>
        <source>la référence du signalement chez la source, de 1 à 100 caractères, une seule fois par source</source>
        <translation>the report’s reference at the source, 1 to 100 characters, once per source</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="76"/>
        <source>un type : %1</source>
        <translation>a type: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="78"/>
        <source>une date AAAA-MM-JJ</source>
        <translation>a date YYYY-MM-DD</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="79"/>
        <source>un SIRET de 14 chiffres avec sa clé, ou un NIR</source>
        <translation>a 14-digit SIRET with its key, or a NIR</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="81"/>
        <source>un NIR de 15 caractères avec sa clé</source>
        <translation>a 15-character NIR with its key</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="83"/>
        <source>un numéro de téléphone comme dans l’identité d’un dossier</source>
        <translation>a phone number as in a case’s identity</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="85"/>
        <source>une adresse électronique comme nom@exemple.fr</source>
        <translation>an e-mail address such as name@example.fr</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="87"/>
        <source>un code postal de 5 chiffres</source>
        <translation>a 5-digit postcode</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="88"/>
        <source>un nom comme dans l’identité d’un dossier</source>
        <translation>a last name as in a case’s identity</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="90"/>
        <source>un prénom comme dans l’identité d’un dossier</source>
        <translation>a first name as in a case’s identity</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="92"/>
        <source>un nom de commune</source>
        <translation>a town name</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="93"/>
        <source>un montant en euros : 1234.56 ou 1&#xa0;234,56</source>
        <translation>an amount in euros: 1234.56 or 1&#xa0;234,56</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="95"/>
        <source>500 caractères au plus</source>
        <translation>500 characters at most</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="96"/>
        <source>autant de champs que l’en-tête, séparés comme lui, guillemets fermés</source>
        <translation>as many fields as the header, separated the same way, quotes closed</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="99"/>
        <source>un fichier CSV en texte UTF-8 ou Windows-1252, avec une ligne d’en-tête</source>
        <translation>a CSV text file in UTF-8 or Windows-1252, with a header line</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="102"/>
        <source>une ligne d’en-tête CSV lisible</source>
        <translation>a readable CSV header line</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="105"/>
        <source>des colonnes parmi : source, reference, type, date, siret, nir, nom, prenom, telephone, email, code_postal, commune, montant, commentaire</source>
        <translation>columns among: source, reference, type, date, siret, nir, nom, prenom, telephone, email, code_postal, commune, montant, commentaire</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="126"/>
        <source>même source et même référence que la ligne %1</source>
        <translation>same source and same reference as line %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="130"/>
        <source>valeur lue : %1</source>
        <translation>value read: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="133"/>
        <source>%1 champs sur la ligne, %2 dans l’en-tête</source>
        <translation>%1 fields on the line, %2 in the header</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="137"/>
        <source>%1 caractères</source>
        <translation>%1 characters</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="140"/>
        <source>colonne absente de l’en-tête</source>
        <translation>column missing from the header</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="142"/>
        <source>colonne présente deux fois dans l’en-tête</source>
        <translation>column appears twice in the header</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="144"/>
        <source>il faut une colonne siret ou nir (ou les deux)</source>
        <translation>a siret or nir column is required (or both)</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="150"/>
        <source>colonne inconnue</source>
        <translation>unknown column</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="152"/>
        <source>valeur refusée (clé ou format)</source>
        <translation>value refused (key or format)</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="154"/>
        <source>vide</source>
        <translation>empty</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="165"/>
        <source>%1 signalement importé</source>
        <translation>%1 report imported</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="167"/>
        <source>%1 signalements importés</source>
        <translation>%1 reports imported</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="168"/>
        <source>%1 déjà présent</source>
        <translation>%1 already present</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="169"/>
        <source>%1 déjà présents</source>
        <translation>%1 already present</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="170"/>
        <source>%1 rattaché à un dossier existant</source>
        <translation>%1 linked to an existing case</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="171"/>
        <source>%1 rattachés à des dossiers existants</source>
        <translation>%1 linked to existing cases</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="173"/>
        <source>%1 entrée dans la liste d’appels</source>
        <translation>%1 entry in the call list</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="174"/>
        <source>%1 entrées dans la liste d’appels</source>
        <translation>%1 entries in the call list</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="197"/>
        <location filename="../../app/ui/signals_dialog.py" line="198"/>
        <source>Importer des signalements</source>
        <translation>Import reports</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="202"/>
        <source>Un fichier CSV de signalements des partenaires (UTF-8 ou Windows, séparateur « ; » ou « , », une ligne d’en-tête). Tout ou rien : si une seule ligne est fausse, rien n’est importé et chaque ligne fausse est listée. Un signalement déjà importé (même source et même référence) ne change rien.</source>
        <translation>A CSV file of partners’ reports (UTF-8 or Windows, separator “;” or “,”, one header line). All or nothing: if a single line is wrong, nothing is imported and every wrong line is listed. A report already imported (same source and same reference) changes nothing.</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="212"/>
        <source>chemin du fichier .csv</source>
        <translation>.csv file path</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="213"/>
        <source>&amp;Parcourir… (Ctrl+O)</source>
        <translation>&amp;Browse… (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="214"/>
        <source>Parcourir</source>
        <translation>Browse</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="219"/>
        <source>&amp;Fichier :</source>
        <translation>&amp;File:</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="224"/>
        <source>Source des signalements</source>
        <translation>Source of the reports</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="225"/>
        <source>Celle de la colonne « source » du fichier</source>
        <translation>The one in the file’s “source” column</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="228"/>
        <source>&amp;Source :</source>
        <translation>&amp;Source:</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="237"/>
        <source>Résultat de l’import</source>
        <translation>Import result</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="243"/>
        <source>Lignes à corriger</source>
        <translation>Lines to correct</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="244"/>
        <source>Ligne</source>
        <translation>Line</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="244"/>
        <source>Colonne</source>
        <translation>Column</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="245"/>
        <source>Attendu</source>
        <translation>Expected</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="245"/>
        <source>Détail</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="252"/>
        <source>En-têtes des colonnes</source>
        <translation>Column headers</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="259"/>
        <source>&amp;Importer</source>
        <translation>&amp;Import</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="261"/>
        <source>Importer</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="263"/>
        <source>&amp;Fermer (Échap)</source>
        <translation>&amp;Close (Esc)</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="264"/>
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="301"/>
        <source>Choisissez d’abord le fichier à importer (Ctrl+O).</source>
        <translation>First choose the file to import (Ctrl+O).</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="314"/>
        <source>Import en cours…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="333"/>
        <source>Import terminé : %1</source>
        <translation>Import finished: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="343"/>
        <source>Le fichier n’a pas pu être lu : %1</source>
        <translation>The file could not be read: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="346"/>
        <source>Rien n’a été importé : %1</source>
        <translation>Nothing was imported: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="353"/>
        <source>Rien n’a été importé : %1 ligne est à corriger dans le fichier.</source>
        <translation>Nothing was imported: %1 line needs correcting in the file.</translation>
    </message>
    <message>
        <location filename="../../app/ui/signals_dialog.py" line="355"/>
        <source>Rien n’a été importé : %1 lignes sont à corriger dans le fichier.</source>
        <translation>Nothing was imported: %1 lines need correcting in the file.</translation>
    </message>
</context>
<context>
    <name>SiteSettingsDialog</name>
    <message>
        <location filename="../../app/ui/site_settings_dialog.py" line="55"/>
        <source>Paramètres des sites</source>
        <translation>Site settings</translation>
    </message>
    <message>
        <location filename="../../app/ui/site_settings_dialog.py" line="58"/>
        <source>L’adresse, le téléphone, l’adresse électronique et les horaires de chaque site sont imprimés sur ses documents après la prochaine synchronisation des postes. Tant qu’un site n’est pas confirmé, ses documents n’impriment que son nom et sa commune.</source>
        <translation>Each site’s address, phone, e-mail and opening hours are printed on its documents after the workstations’ next sync. Until a site is confirmed, its documents print only its name and town.</translation>
    </message>
    <message>
        <location filename="../../app/ui/site_settings_dialog.py" line="68"/>
        <source>Sites et version de leurs paramètres</source>
        <translation>Sites and the version of their settings</translation>
    </message>
    <message>
        <location filename="../../app/ui/site_settings_dialog.py" line="69"/>
        <source>Site</source>
        <translation>Site</translation>
    </message>
    <message>
        <location filename="../../app/ui/site_settings_dialog.py" line="69"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../app/ui/site_settings_dialog.py" line="70"/>
        <source>État</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../app/ui/site_settings_dialog.py" line="90"/>
        <source>Adresse postale, une ligne par ligne imprimée</source>
        <translation>Postal address, one line per printed line</translation>
    </message>
    <message>
        <location filename="../../app/ui/site_settings_dialog.py" line="92"/>
        <source>De 1 à 4 lignes de 80 caractères au plus, sans le code postal ni la commune</source>
        <translation>1 to 4 lines of at most 80 characters, without the postal code or the town</translation>
    </message>
    <message>
        <location filename="../../app/ui/site_settings_dialog.py" line="96"/>
        <source>Code postal</source>
        <translation>Postal code</translation>
    </message>
    <message>
        <location filename="../../app/ui/site_settings_dialog.py" line="99"/>
        <source>Commune</source>
        <translation>Town</translation>
    </message>
    <message>
        <location filename="../../app/ui/site_settings_dialog.py" line="101"/>
        <source>Téléphone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../app/ui/site_settings_dialog.py" line="102"/>
        <source>02 99 00 00 00, un numéro court (3698) ou +33…</source>
        <translation>02 99 00 00 00, a short number (3698) or +33…</translation>
    </message>
    <message>
        <location filename="../../app/ui/site_settings_dialog.py" line="104"/>
        <source>Adresse électronique</source>
        <translation>E-mail address</translation>
    </message>
    <message>
        <location filename="../../app/ui/site_settings_dialog.py" line="106"/>
        <source>Horaires d’ouverture</source>
        <translation>Opening hours</translation>
    </message>
    <message>
        <location filename="../../app/ui/site_settings_dialog.py" line="107"/>
        <source>Sur une ligne, 200 caractères au plus</source>
        <translation>On one line, at most 200 characters</translation>
    </message>
    <message>
        <location filename="../../app/ui/site_settings_dialog.py" line="113"/>
        <source>&amp;Adresse :</source>
        <translation>&amp;Address:</translation>
    </message>
    <message>
        <location filename="../../app/ui/site_settings_dialog.py" line="113"/>
        <source>Code &amp;postal :</source>
        <translation>&amp;Postal code:</translation>
    </message>
    <message>
        <location filename="../../app/ui/site_settings_dialog.py" line="114"/>
        <source>&amp;Commune :</source>
        <translation>&amp;Town:</translation>
    </message>
    <message>
        <location filename="../../app/ui/site_settings_dialog.py" line="114"/>
        <source>&amp;Téléphone :</source>
        <translation>P&amp;hone:</translation>
    </message>
    <message>
        <location filename="../../app/ui/site_settings_dialog.py" line="115"/>
        <source>&amp;Courriel :</source>
        <translation>&amp;E-mail:</translation>
    </message>
    <message>
        <location filename="../../app/ui/site_settings_dialog.py" line="115"/>
        <source>&amp;Horaires :</source>
        <translation>Opening h&amp;ours:</translation>
    </message>
    <message>
        <location filename="../../app/ui/site_settings_dialog.py" line="123"/>
        <source>Erreur</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../app/ui/site_settings_dialog.py" line="139"/>
        <source>&amp;Enregistrer</source>
        <translation>Sa&amp;ve</translation>
    </message>
    <message>
        <location filename="../../app/ui/site_settings_dialog.py" line="141"/>
        <source>Enregistrer les paramètres du site</source>
        <translation>Save the site’s settings</translation>
    </message>
    <message>
        <location filename="../../app/ui/site_settings_dialog.py" line="143"/>
        <source>&amp;Actualiser</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <location filename="../../app/ui/site_settings_dialog.py" line="145"/>
        <source>Relire les paramètres des sites</source>
        <translation>Read the sites’ settings again</translation>
    </message>
    <message>
        <location filename="../../app/ui/site_settings_dialog.py" line="158"/>
        <source>État de l’enregistrement</source>
        <translation>Save status</translation>
    </message>
    <message>
        <location filename="../../app/ui/site_settings_dialog.py" line="163"/>
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../app/ui/site_settings_dialog.py" line="189"/>
        <source>Paramètres lus sur le serveur central.</source>
        <translation>Settings read from the central server.</translation>
    </message>
    <message>
        <location filename="../../app/ui/site_settings_dialog.py" line="206"/>
        <source>confirmé</source>
        <translation>confirmed</translation>
    </message>
    <message>
        <location filename="../../app/ui/site_settings_dialog.py" line="206"/>
        <source>à confirmer</source>
        <translation>to be confirmed</translation>
    </message>
    <message>
        <location filename="../../app/ui/site_settings_dialog.py" line="275"/>
        <source>%1 : version %2, enregistrée le %3</source>
        <translation>%1: version %2, saved on %3</translation>
    </message>
    <message>
        <location filename="../../app/ui/site_settings_dialog.py" line="278"/>
        <source>%1 : à confirmer (les documents n’impriment que le nom du site et sa commune)</source>
        <translation>%1: to be confirmed (documents print only the site’s name and town)</translation>
    </message>
    <message>
        <location filename="../../app/ui/site_settings_dialog.py" line="281"/>
        <source>— modifications non enregistrées</source>
        <translation>— unsaved changes</translation>
    </message>
    <message>
        <location filename="../../app/ui/site_settings_dialog.py" line="327"/>
        <source>Paramètres de %1 enregistrés (version %2) : les postes les imprimeront après leur prochaine synchronisation.</source>
        <translation>Settings of %1 saved (version %2): workstations will print them after their next sync.</translation>
    </message>
    <message>
        <location filename="../../app/ui/site_settings_dialog.py" line="334"/>
        <source>De 1 à 4 lignes non vides de 80 caractères au plus, sans le code postal ni la commune.</source>
        <translation>1 to 4 non-empty lines of at most 80 characters, without the postal code or the town.</translation>
    </message>
    <message>
        <location filename="../../app/ui/site_settings_dialog.py" line="336"/>
        <source>Cinq chiffres, par exemple 35000.</source>
        <translation>Five digits, for example 35000.</translation>
    </message>
    <message>
        <location filename="../../app/ui/site_settings_dialog.py" line="337"/>
        <source>Obligatoire, 80 caractères au plus.</source>
        <translation>Required, at most 80 characters.</translation>
    </message>
    <message>
        <location filename="../../app/ui/site_settings_dialog.py" line="338"/>
        <source>Dix chiffres (02 99 00 00 00), un numéro court de quatre chiffres (3698), +33 suivi de neuf chiffres, ou rien.</source>
        <translation>Ten digits (02 99 00 00 00), a four-digit short number (3698), +33 followed by nine digits, or nothing.</translation>
    </message>
    <message>
        <location filename="../../app/ui/site_settings_dialog.py" line="340"/>
        <source>Une adresse comme accueil.ti@exemple.fr, ou rien.</source>
        <translation>An address such as accueil.ti@exemple.fr, or nothing.</translation>
    </message>
    <message>
        <location filename="../../app/ui/site_settings_dialog.py" line="341"/>
        <source>Une seule ligne de 200 caractères au plus.</source>
        <translation>A single line of at most 200 characters.</translation>
    </message>
    <message>
        <location filename="../../app/ui/site_settings_dialog.py" line="348"/>
        <source>Le serveur central a refusé ces paramètres : corrigez le champ signalé. Vos saisies sont conservées.</source>
        <translation>The central server refused these settings: correct the field shown. What you typed is kept.</translation>
    </message>
    <message>
        <location filename="../../app/ui/site_settings_dialog.py" line="353"/>
        <source>Les paramètres des sites sont réservés aux comptes administrateurs connectés.</source>
        <translation>Site settings are for signed-in administrator accounts only.</translation>
    </message>
    <message>
        <location filename="../../app/ui/site_settings_dialog.py" line="356"/>
        <source>Le serveur central ne répond pas : réessayez plus tard. Vos saisies sont conservées.</source>
        <translation>The central server does not answer: try again later. What you typed is kept.</translation>
    </message>
    <message>
        <location filename="../../app/ui/site_settings_dialog.py" line="359"/>
        <source>Le serveur central a refusé la demande : %1</source>
        <translation>The central server refused the request: %1</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <location filename="../../app/ui/sync_controller.py" line="175"/>
        <location filename="../../app/ui/sync_controller.py" line="202"/>
        <location filename="../../app/ui/sync_controller.py" line="270"/>
        <location filename="../../app/ui/sync_controller.py" line="280"/>
        <location filename="../../app/ui/sync_controller.py" line="362"/>
        <source>Non connecté</source>
        <translation>Not signed in</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_controller.py" line="203"/>
        <source>Aucune connexion au serveur central : connectez-vous.</source>
        <translation>Not signed in to the central server: please sign in.</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_controller.py" line="209"/>
        <source>Envoi en cours</source>
        <translation>Sending</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_controller.py" line="278"/>
        <source>La connexion n’a pas pu être effacée du trousseau du système (%s).</source>
        <translation>The sign-in could not be erased from the system keyring (%s).</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_controller.py" line="334"/>
        <location filename="../../app/ui/sync_controller.py" line="363"/>
        <source>Serveur injoignable</source>
        <translation>Server unreachable</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_controller.py" line="335"/>
        <source>La synchronisation a échoué : %s</source>
        <translation>The sync failed: %s</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_controller.py" line="365"/>
        <source>Synchronisé</source>
        <translation>Synced</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_controller.py" line="367"/>
        <source>1 dossier en attente</source>
        <translation>1 case waiting</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_controller.py" line="368"/>
        <source>%s dossiers en attente</source>
        <translation>%s cases waiting</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_controller.py" line="373"/>
        <source>Le serveur central a refusé la connexion (session expirée) : reconnectez-vous avec F5.</source>
        <translation>The central server refused the session (expired): sign in again with F5.</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_controller.py" line="376"/>
        <source>Le serveur central est injoignable ; nouvel essai dans deux minutes.</source>
        <translation>The central server cannot be reached; trying again in two minutes.</translation>
    </message>
    <message>
        <location filename="../../app/ui/sync_controller.py" line="377"/>
        <source>La synchronisation s’est arrêtée sur une erreur du serveur : %s</source>
        <translation>The sync stopped on a server error: %s</translation>
    </message>
</context>
<context>
    <name>UrgentBadgeDelegate</name>
    <message>
        <location filename="../../app/ui/dossier_table.py" line="430"/>
        <source>Urgent</source>
        <translation>Urgent</translation>
    </message>
</context>
<context>
    <name>_Chart</name>
    <message>
        <location filename="../../app/ui/dashboard.py" line="519"/>
        <source>Aucun dossier sur la période choisie.</source>
        <translation>No cases in the chosen period.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dashboard.py" line="521"/>
        <source>Graphique indisponible : le tableau ci-contre donne les chiffres.</source>
        <translation>Chart unavailable: the table alongside gives the figures.</translation>
    </message>
</context>
<context>
    <name>_MissingFlow</name>
    <message>
        <location filename="../../app/ui/app.py" line="146"/>
        <source>Le parcours du dossier n’est pas disponible dans cette version.</source>
        <translation>The case workflow is not available in this version.</translation>
    </message>
    <message>
        <location filename="../../app/ui/app.py" line="149"/>
        <source>Retour à la liste</source>
        <translation>Back to the list</translation>
    </message>
</context>
<context>
    <name>actions</name>
    <message>
        <location filename="../../app/ui/actions.py" line="85"/>
        <source>&amp;Fichier</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="86"/>
        <source>&amp;Dossier</source>
        <translation>&amp;Case</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="88"/>
        <source>&amp;Affichage</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="89"/>
        <source>Aid&amp;e</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="120"/>
        <source>&amp;Nouveau dossier</source>
        <translation>&amp;New case</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="122"/>
        <source>Ouvrir un nouveau dossier pour la personne reçue à l’accueil</source>
        <translation>Open a new case for the person at the counter</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="132"/>
        <source>Nouveau dossier par &amp;téléphone</source>
        <translation>New case by &amp;phone</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="134"/>
        <source>Ouvrir un nouveau dossier pendant un appel téléphonique</source>
        <translation>Open a new case during a phone call</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="265"/>
        <source>&amp;Synchroniser</source>
        <translation>S&amp;ync</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="267"/>
        <source>Envoyer les dossiers au serveur central et recevoir les mises à jour</source>
        <translation>Send cases to the central store and receive updates</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="150"/>
        <source>&amp;Paramètres…</source>
        <translation>&amp;Settings…</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="87"/>
        <source>&amp;Synchronisation</source>
        <translation>&amp;Sync</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="142"/>
        <source>&amp;Importer des signalements…</source>
        <translation>&amp;Import reports…</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="143"/>
        <source>Lire un fichier CSV de signalements des partenaires dans la liste d’appels</source>
        <translation>Read a CSV file of partners’ reports into the call list</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="152"/>
        <source>Site, nom de l’agent, serveur central, langue, mode téléphone</source>
        <translation>Site, agent name, central store, language, phone mode</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="163"/>
        <source>&amp;Quitter</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="164"/>
        <source>Fermer Accueil TI</source>
        <translation>Close Accueil TI</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="172"/>
        <source>&amp;Reprendre le dossier</source>
        <translation>&amp;Resume the case</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="173"/>
        <source>Ouvrir le dossier sélectionné là où il s’est arrêté</source>
        <translation>Open the selected case where it stopped</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="182"/>
        <source>&amp;Documents…</source>
        <translation>&amp;Documents…</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="184"/>
        <source>Synthèse, courriers et formulaire de consentement : aperçu et impression</source>
        <translation>Summary, letters and consent form: preview and print</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="196"/>
        <source>&amp;Consentements…</source>
        <translation>C&amp;onsents…</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="197"/>
        <source>Consentement par organisme, révocation</source>
        <translation>Consent per agency, revocation</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="204"/>
        <source>Corriger l’&amp;identité…</source>
        <translation>Correct the &amp;identity…</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="206"/>
        <source>Corriger l’identité, les coordonnées ou l’activité, avec le motif de la correction</source>
        <translation>Correct the identity, contact details or activity, with the reason for the correction</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="219"/>
        <source>&amp;Modifier une réponse…</source>
        <translation>&amp;Change an answer…</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="221"/>
        <source>Changer une réponse au questionnaire, avec le motif du changement</source>
        <translation>Change an answer of the questionnaire, with the reason for the change</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="231"/>
        <source>Programmer un r&amp;appel…</source>
        <translation>Schedule a c&amp;all-back…</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="232"/>
        <source>Programmer le rappel de la personne : jour, heure, qui rappelle</source>
        <translation>Schedule the person’s call-back: day, time, who calls back</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="241"/>
        <source>E&amp;ffacer les données de la personne…</source>
        <translation>E&amp;rase the person&apos;s data…</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="243"/>
        <source>À la demande de la personne : effacer ses données de ce poste, du serveur central, des autres postes et des partenaires</source>
        <translation>At the person&apos;s request: erase their data from this workstation, the central server, the other workstations and the partners</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="255"/>
        <source>Résoudre le con&amp;flit…</source>
        <translation>Resolve the con&amp;flict…</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="256"/>
        <source>Choisir, information par information, entre la version de ce poste et celle du serveur central</source>
        <translation>Choose, item by item, between this workstation’s version and the central server’s</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="260"/>
        <source>Le dossier sélectionné n’est pas en conflit de synchronisation</source>
        <translation>The selected case is not in a sync conflict</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="277"/>
        <source>Suivi des &amp;partenaires…</source>
        <translation>&amp;Partner follow-ups…</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="278"/>
        <source>Les suites données par les partenaires aux orientations, les plus récentes d’abord</source>
        <translation>What the partners did with the orientations, most recent first</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="285"/>
        <source>Dossiers en &amp;quarantaine…</source>
        <translation>Cases in &amp;quarantine…</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="286"/>
        <source>Les dossiers refusés par le serveur central, avec le motif du refus</source>
        <translation>The cases the central server refused, with the reason</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="291"/>
        <source>&amp;Espace partenaire…</source>
        <translation>&amp;Partner space…</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="292"/>
        <source>Ouvrir les dossiers orientés vers un organisme partenaire, avec le compte de cet organisme (la connexion de ce poste n’est pas touchée)</source>
        <translation>Open the cases referred to a partner organisation, with that organisation&apos;s account (this workstation&apos;s sign-in is left alone)</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="298"/>
        <source>Se &amp;déconnecter du serveur central</source>
        <translation>Sign &amp;out of the central server</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="299"/>
        <source>Arrêter la synchronisation et effacer la connexion de ce poste ; les dossiers non envoyés restent sur le poste</source>
        <translation>Stop syncing and erase this workstation’s sign-in; cases not sent yet stay on the workstation</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="301"/>
        <source>Ce poste n’est pas connecté au serveur central</source>
        <translation>This workstation is not signed in to the central server</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="306"/>
        <location filename="../../app/ui/actions.py" line="392"/>
        <source>&amp;Rechercher</source>
        <translation>Sea&amp;rch</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="308"/>
        <source>Rechercher un dossier : nom, n° de dossier, SIRET ou NIR</source>
        <translation>Search for a case: name, case no., SIRET or NIR</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="316"/>
        <source>&amp;Urgents uniquement</source>
        <translation>&amp;Urgent only</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="317"/>
        <source>N’afficher que les dossiers urgents</source>
        <translation>Show urgent cases only</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="324"/>
        <source>&amp;Actualiser la liste</source>
        <translation>Re&amp;fresh the list</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="325"/>
        <source>Relire la liste des dossiers</source>
        <translation>Reload the list of cases</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="331"/>
        <location filename="../../app/ui/actions.py" line="462"/>
        <source>A&amp;genda</source>
        <translation>A&amp;genda</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="332"/>
        <source>Les rappels et rendez-vous du jour sur le site</source>
        <translation>The day’s call-backs and appointments at the site</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="340"/>
        <source>&amp;Liste d’appels</source>
        <translation>Call &amp;list</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="341"/>
        <source>Les travailleurs signalés par les partenaires, à appeler dans l’ordre d’urgence</source>
        <translation>Workers reported by partners, to call in order of urgency</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="350"/>
        <source>&amp;Tableau de bord…</source>
        <translation>&amp;Dashboard…</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="351"/>
        <source>Les chiffres de l’activité, par site, canal, organisme et fragilité, avec exports (comptes administrateurs)</source>
        <translation>Activity figures by site, channel, agency and difficulty, with exports (administrator accounts)</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="361"/>
        <location filename="../../app/ui/actions.py" line="438"/>
        <source>&amp;Aide de la page et clavier</source>
        <translation>&amp;Help for this page and keyboard</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="362"/>
        <source>À quoi sert la page affichée et ses raccourcis clavier</source>
        <translation>What the page on screen is for and its keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="370"/>
        <source>À &amp;propos d’Accueil TI</source>
        <translation>&amp;About Accueil TI</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="371"/>
        <source>Version, questionnaire, dossier de données, licences</source>
        <translation>Version, questionnaire, data folder, licenses</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="385"/>
        <source>&amp;Actualiser</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="386"/>
        <source>Relire les dossiers orientés vers votre organisme</source>
        <translation>Read again the cases referred to your organisation</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="393"/>
        <source>Rechercher un dossier : nom ou n°</source>
        <translation>Search for a case: name or no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="399"/>
        <source>Se &amp;connecter…</source>
        <translation>Sign &amp;in…</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="400"/>
        <source>Se connecter avec le compte de votre organisme</source>
        <translation>Sign in with your organisation&apos;s account</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="406"/>
        <source>Se &amp;déconnecter</source>
        <translation>Sign &amp;out</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="407"/>
        <source>Fermer la session de votre compte partenaire sur ce poste</source>
        <translation>End your partner account&apos;s session on this workstation</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="413"/>
        <source>&amp;Fermer</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="414"/>
        <source>Fermer l’espace partenaire</source>
        <translation>Close the partner space</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="421"/>
        <source>&amp;Envoyer au guichet</source>
        <translation>&amp;Send to the counter</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="422"/>
        <source>Envoyer le suivi au guichet qui a orienté la personne</source>
        <translation>Send the follow-up to the counter that referred the person</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="429"/>
        <location filename="../../app/ui/actions.py" line="430"/>
        <source>Saisir le suivi</source>
        <translation>Enter the follow-up</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="439"/>
        <source>À quoi sert cet espace et ses raccourcis clavier</source>
        <translation>What this space is for and its keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="446"/>
        <source>Re&amp;ndez-vous…</source>
        <translation>Appoi&amp;ntment…</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="447"/>
        <source>Proposer ou fixer un rendez-vous avec la personne, ou changer un rendez-vous</source>
        <translation>Propose or book an appointment with the person, or change an appointment</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="455"/>
        <source>Ré&amp;orienter…</source>
        <translation>Re&amp;direct…</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="456"/>
        <source>Orienter la personne vers un autre organisme</source>
        <translation>Refer the person to another agency</translation>
    </message>
    <message>
        <location filename="../../app/ui/actions.py" line="463"/>
        <source>Les rendez-vous du jour de votre organisme</source>
        <translation>Your agency’s appointments for the day</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../app/ui/app.py" line="221"/>
        <source>Le trousseau de mots de passe du système n’est pas disponible : la clé qui protège la base locale ne peut pas y être conservée, Accueil TI ne peut donc pas s’ouvrir.

Que faire : ouvrez une session utilisateur normale sur ce poste (pas une session invitée ou à distance sans trousseau), ou demandez à l’assistance informatique d’activer le trousseau, puis relancez Accueil TI.</source>
        <translation>The system keyring is not available: the key that protects the local database cannot be kept there, so Accueil TI cannot open.

What to do: open a normal user session on this workstation (not a guest or remote session without a keyring), or ask IT support to enable the keyring, then start Accueil TI again.</translation>
    </message>
    <message>
        <location filename="../../app/ui/app.py" line="229"/>
        <source>La base locale ne peut pas être déchiffrée avec la clé enregistrée dans le trousseau de ce poste.

Que faire : ne supprimez aucun fichier ; contactez l’assistance informatique en indiquant le dossier de données :
%s</source>
        <translation>The local database cannot be decrypted with the key stored in this workstation&apos;s keyring.

What to do: do not delete any file; contact IT support and give them the data folder:
%s</translation>
    </message>
    <message>
        <location filename="../../app/ui/app.py" line="235"/>
        <source>La base locale a été enregistrée par une version plus récente d’Accueil TI (la version installée est la %s).

Que faire : installez la dernière version d’Accueil TI ; la base locale n’a pas été modifiée.</source>
        <translation>The local database was written by a newer version of Accueil TI (the installed version is %s).

What to do: install the latest version of Accueil TI; the local database has not been modified.</translation>
    </message>
    <message>
        <location filename="../../app/ui/app.py" line="272"/>
        <source>Les paramètres indiquent le poste %s-%s, mais la base locale est celle du poste %s-%s : c’est elle qui s’applique.</source>
        <translation>The settings name workstation %s-%s, but the local database belongs to workstation %s-%s: the local database applies.</translation>
    </message>
    <message>
        <location filename="../../app/ui/app.py" line="464"/>
        <source>%n dossier clos anonymisé</source>
        <translation>%n closed case anonymised</translation>
    </message>
    <message>
        <location filename="../../app/ui/app.py" line="466"/>
        <source>%n dossiers clos anonymisés</source>
        <translation>%n closed cases anonymised</translation>
    </message>
    <message>
        <location filename="../../app/ui/app.py" line="468"/>
        <source>%n brouillon supprimé</source>
        <translation>%n draft deleted</translation>
    </message>
    <message>
        <location filename="../../app/ui/app.py" line="470"/>
        <source>%n brouillons supprimés</source>
        <translation>%n drafts deleted</translation>
    </message>
    <message>
        <location filename="../../app/ui/app.py" line="471"/>
        <source>Durées de conservation appliquées : %s.</source>
        <translation>Retention periods applied: %s.</translation>
    </message>
</context>
<context>
    <name>call_list</name>
    <message>
        <location filename="../../app/ui/call_list.py" line="116"/>
        <source>Aucun appel</source>
        <translation>No calls</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="129"/>
        <source>Rappel demandé pour le %1</source>
        <translation>Call-back requested for %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="133"/>
        <source>À appeler à partir du %1</source>
        <translation>To call from %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="136"/>
        <source>À appeler (1 appel sans réponse)</source>
        <translation>To call (1 unanswered call)</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="138"/>
        <source>À appeler (%1 appels sans réponse)</source>
        <translation>To call (%1 unanswered calls)</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="144"/>
        <source>dossier ouvert</source>
        <translation>case opened</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="148"/>
        <source>pris par ce poste</source>
        <translation>taken by this workstation</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="313"/>
        <source>Choisissez une entrée de la liste, ou appuyez sur N pour prendre la suivante.</source>
        <translation>Choose an entry in the list, or press N to take the next one.</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="317"/>
        <source>NIR</source>
        <translation>NIR</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="322"/>
        <source>État</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="324"/>
        <source>Dossier</source>
        <translation>Case</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="326"/>
        <source>Prochain appel</source>
        <translation>Next call</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="332"/>
        <source>Signalements (%1)</source>
        <translation>Reports (%1)</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="338"/>
        <source>réf. %1</source>
        <translation>ref. %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="346"/>
        <source>Appels (%1)</source>
        <translation>Calls (%1)</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="349"/>
        <source>Aucun appel pour l’instant.</source>
        <translation>No calls yet.</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="358"/>
        <source>rappel le %1</source>
        <translation>call-back on %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="463"/>
        <source>Courrier — %1</source>
        <translation>Letter — %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/call_list.py" line="1171"/>
        <source>ce poste n’a pas encore le modèle de ce courrier</source>
        <translation>this workstation does not have this letter’s template yet</translation>
    </message>
</context>
<context>
    <name>wording</name>
    <message>
        <location filename="../../app/ui/wording.py" line="31"/>
        <source>%1 : %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="38"/>
        <location filename="../../app/ui/wording.py" line="785"/>
        <source>Accueil</source>
        <translation>Counter</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="39"/>
        <location filename="../../app/ui/wording.py" line="107"/>
        <location filename="../../app/ui/wording.py" line="786"/>
        <location filename="../../app/ui/wording.py" line="867"/>
        <source>Téléphone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="40"/>
        <source>Traitement de dossier</source>
        <translation>Case processing</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="48"/>
        <source>Brouillon</source>
        <translation>Draft</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="49"/>
        <source>Questionnaire complet</source>
        <translation>Questionnaire complete</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="50"/>
        <source>Orienté</source>
        <translation>Referred</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="51"/>
        <source>Clos</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="59"/>
        <source>Signé à l’accueil</source>
        <translation>Signed at the counter</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="60"/>
        <source>Accord oral par téléphone</source>
        <translation>Oral consent by phone</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="68"/>
        <source>À transmettre</source>
        <translation>To send</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="69"/>
        <source>Transmise</source>
        <translation>Sent</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="70"/>
        <source>Reçue</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="71"/>
        <source>En cours</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="72"/>
        <source>Contact pris</source>
        <translation>Contacted</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="73"/>
        <source>Clôturée</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="81"/>
        <source>Aide accordée</source>
        <translation>Aid granted</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="82"/>
        <source>Aide refusée</source>
        <translation>Aid refused</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="83"/>
        <source>Sans suite</source>
        <translation>No follow-up</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="91"/>
        <source>Local uniquement</source>
        <translation>Local only</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="92"/>
        <source>Envoi en cours</source>
        <translation>Sending</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="93"/>
        <source>Synchronisé</source>
        <translation>Synced</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="94"/>
        <source>Conflit à résoudre</source>
        <translation>Conflict to resolve</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="95"/>
        <source>Refusé par le serveur</source>
        <translation>Rejected by the server</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="101"/>
        <source>Nom</source>
        <translation>Last name</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="102"/>
        <source>Prénom</source>
        <translation>First name</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="103"/>
        <source>Nom de naissance</source>
        <translation>Birth name</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="104"/>
        <source>Date de naissance</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="105"/>
        <source>N° de sécurité sociale (NIR)</source>
        <translation>Social security no. (NIR)</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="106"/>
        <source>SIRET</source>
        <translation>SIRET</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="108"/>
        <source>Courriel</source>
        <translation>Email</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="109"/>
        <source>Adresse</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="110"/>
        <source>Code postal</source>
        <translation>Postal code</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="111"/>
        <source>Commune</source>
        <translation>Town</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="112"/>
        <source>Début d’activité indépendante</source>
        <translation>Start of self-employment</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="113"/>
        <source>Statut</source>
        <translation>Legal status</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="114"/>
        <source>Personnes au foyer</source>
        <translation>People in household</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="115"/>
        <location filename="../../app/ui/wording.py" line="229"/>
        <source>Activité indépendante principale</source>
        <translation>Self-employment as main activity</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="116"/>
        <source>Département</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="127"/>
        <source>Le NIR compte 15 caractères, clé comprise (13 + 2).</source>
        <translation>The NIR has 15 characters, including the key (13 + 2).</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="130"/>
        <source>Le NIR commence par 1, 2, 7 ou 8 et ne contient que des chiffres (2A/2B pour la Corse).</source>
        <translation>The NIR starts with 1, 2, 7 or 8 and contains only digits (2A/2B for Corsica).</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="135"/>
        <source>Le SIRET compte 14 chiffres.</source>
        <translation>The SIRET has 14 digits.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="138"/>
        <source>Le SIRET ne contient que des chiffres.</source>
        <translation>The SIRET contains only digits.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="141"/>
        <source>Numéro français attendu : 10 chiffres commençant par 0, ou +33 suivi de 9 chiffres.</source>
        <translation>French number expected: 10 digits starting with 0, or +33 followed by 9 digits.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="145"/>
        <source>Adresse attendue sous la forme nom@exemple.fr.</source>
        <translation>Address expected in the form name@example.fr.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="148"/>
        <source>Code postal français à 5 chiffres.</source>
        <translation>5-digit French postal code.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="151"/>
        <source>200 caractères au plus.</source>
        <translation>200 characters at most.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="154"/>
        <source>À renseigner.</source>
        <translation>Required.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="155"/>
        <source>Trop long.</source>
        <translation>Too long.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="156"/>
        <source>Lettres, espaces, traits d’union et apostrophes uniquement.</source>
        <translation>Letters, spaces, hyphens and apostrophes only.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="159"/>
        <source>Longueur incorrecte.</source>
        <translation>Incorrect length.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="160"/>
        <source>La clé de contrôle ne correspond pas : vérifiez les chiffres.</source>
        <translation>The check key does not match: check the digits.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="163"/>
        <source>Ne correspond pas à la date de naissance (année et mois, positions 2 à 5).</source>
        <translation>Does not match the date of birth (year and month, positions 2 to 5).</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="166"/>
        <source>Date attendue au format JJ/MM/AAAA.</source>
        <translation>Date expected in DD/MM/YYYY format.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="167"/>
        <source>La date ne peut pas être dans le futur.</source>
        <translation>The date cannot be in the future.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="170"/>
        <source>Date trop ancienne (plus de 120 ans).</source>
        <translation>Date too far back (more than 120 years).</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="171"/>
        <source>La personne doit avoir au moins 16 ans.</source>
        <translation>The person must be at least 16 years old.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="174"/>
        <source>Le début d’activité ne peut pas précéder la naissance.</source>
        <translation>The start of activity cannot precede the date of birth.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="177"/>
        <source>Format incorrect.</source>
        <translation>Incorrect format.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="189"/>
        <location filename="../../app/ui/wording.py" line="222"/>
        <source>%n an</source>
        <translation>%n year</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="191"/>
        <location filename="../../app/ui/wording.py" line="224"/>
        <source>%n ans</source>
        <translation>%n years</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="193"/>
        <source>%n mois</source>
        <translation>%n month(s)</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="196"/>
        <location filename="../../app/ui/wording.py" line="256"/>
        <source>%1 et %2</source>
        <translation>%1 and %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="214"/>
        <source>Ancienneté : %1</source>
        <translation>Time in business: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="219"/>
        <source>Âge : %1</source>
        <translation>Age: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="231"/>
        <source>Activité indépendante non principale</source>
        <translation>Self-employment not the main activity</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="265"/>
        <source>date de début d’activité manquante</source>
        <translation>start of activity missing</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="267"/>
        <source>activité principale (oui ou non) non renseignée</source>
        <translation>main activity (yes or no) not filled in</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="269"/>
        <source>date de naissance manquante</source>
        <translation>birth date missing</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="270"/>
        <source>statut non renseigné</source>
        <translation>status not filled in</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="274"/>
        <source>« %1 » non renseigné</source>
        <translation>“%1” not filled in</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="280"/>
        <source>même NIR</source>
        <translation>same NIR</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="281"/>
        <source>même SIRET</source>
        <translation>same SIRET</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="282"/>
        <source>même nom, prénom et date de naissance</source>
        <translation>same last name, first name and date of birth</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="290"/>
        <source>Synthèse pour la personne (ses aides et ses contacts)</source>
        <translation>Summary for the person (their aid and contacts)</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="294"/>
        <source>Courrier d’orientation — %1</source>
        <translation>Referral letter — %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="298"/>
        <source>Formulaire de consentement</source>
        <translation>Consent form</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="301"/>
        <source>Convocation — %1</source>
        <translation>Appointment letter — %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="303"/>
        <source>Convocation (rappel du guichet)</source>
        <translation>Appointment letter (counter call-back)</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="320"/>
        <source>Urssaf</source>
        <translation>Urssaf</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="321"/>
        <source>Assurance Maladie</source>
        <translation>Assurance Maladie</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="322"/>
        <source>Service social</source>
        <translation>Social services</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="323"/>
        <source>Caf</source>
        <translation>Caf</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="324"/>
        <source>Assurance retraite</source>
        <translation>Assurance retraite</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="330"/>
        <source>Accordé</source>
        <translation>Granted</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="332"/>
        <source>Refusé</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="342"/>
        <source>Toutes les dates</source>
        <translation>All dates</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="343"/>
        <source>Créés depuis 7 jours</source>
        <translation>Created in the last 7 days</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="344"/>
        <source>Créés depuis 30 jours</source>
        <translation>Created in the last 30 days</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="345"/>
        <source>Créés depuis 12 mois</source>
        <translation>Created in the last 12 months</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="418"/>
        <source>non renseigné</source>
        <translation>not filled in</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="423"/>
        <source>Oui</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="425"/>
        <source>Non</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="443"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="471"/>
        <location filename="../../app/ui/wording.py" line="606"/>
        <source>Consentements</source>
        <translation>Consents</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="472"/>
        <source>Orientations et suivi</source>
        <translation>Orientations and follow-up</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="473"/>
        <location filename="../../app/ui/wording.py" line="597"/>
        <source>Statut du dossier</source>
        <translation>Case status</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="474"/>
        <location filename="../../app/ui/wording.py" line="599"/>
        <source>Urgence</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="492"/>
        <source>accordé (%1) le %2</source>
        <translation>given (%1) on %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="497"/>
        <source>, révoqué le %1</source>
        <translation>, revoked on %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="501"/>
        <source>refusé le %1</source>
        <translation>refused on %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="513"/>
        <source>«&#xa0;%1&#xa0;»</source>
        <translation>“%1”</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="525"/>
        <source>pas de réponse</source>
        <translation>no answer</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="552"/>
        <location filename="../../app/ui/wording.py" line="946"/>
        <source>Urgent</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="554"/>
        <source>Non urgent</source>
        <translation>Not urgent</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="563"/>
        <source>Aucun consentement</source>
        <translation>No consent</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="565"/>
        <source>Aucune orientation</source>
        <translation>No orientation</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="584"/>
        <source>Consentement n° %1</source>
        <translation>Consent no. %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="585"/>
        <source>Orientation n° %1</source>
        <translation>Orientation no. %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="586"/>
        <source>Document imprimé n° %1</source>
        <translation>Printed document no. %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="592"/>
        <source>N° de dossier</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="593"/>
        <source>Révision du dossier</source>
        <translation>Case revision</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="594"/>
        <location filename="../../app/ui/wording.py" line="940"/>
        <source>Site</source>
        <translation>Site</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="595"/>
        <source>Identifiant du dossier</source>
        <translation>Case identifier</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="596"/>
        <source>Version du questionnaire</source>
        <translation>Questionnaire version</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="598"/>
        <location filename="../../app/ui/wording.py" line="941"/>
        <source>Canal</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="600"/>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="601"/>
        <source>Date de création</source>
        <translation>Creation date</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="602"/>
        <source>Date de mise à jour</source>
        <translation>Update date</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="603"/>
        <source>Identité</source>
        <translation>Identity</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="604"/>
        <source>Situation</source>
        <translation>Situation</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="605"/>
        <source>Réponses</source>
        <translation>Answers</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="607"/>
        <source>Orientations</source>
        <translation>Orientations</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="618"/>
        <source>La version du serveur central de ce dossier ne peut pas être enregistrée sur ce poste.</source>
        <translation>The central server’s version of this case cannot be saved on this workstation.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="624"/>
        <location filename="../../app/ui/wording.py" line="627"/>
        <source>Le serveur central a refusé ce dossier.</source>
        <translation>The central server refused this case.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="643"/>
        <source>Ce dossier appartient à un autre site : ce poste ne peut pas l’envoyer au serveur central.</source>
        <translation>This case belongs to another site: this workstation cannot send it to the central server.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="649"/>
        <source>Le n° de dossier «&#xa0;%1&#xa0;» est déjà utilisé par un autre dossier sur le serveur central.</source>
        <translation>Case number “%1” is already used by another case on the central server.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="654"/>
        <source>Le n° d’un dossier ne peut pas changer.</source>
        <translation>A case’s number cannot change.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="656"/>
        <source>L’orientation vers %1 n’a pas de consentement accordé : recueillez le consentement de la personne ou retirez cette orientation.</source>
        <translation>The orientation to %1 has no consent given: obtain the person’s consent or remove this orientation.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="662"/>
        <source>La date de début d’activité précède la date de naissance.</source>
        <translation>The self-employment start date is before the birth date.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="666"/>
        <source>Le champ «&#xa0;%1&#xa0;» n’est pas connu du serveur central.</source>
        <translation>The field “%1” is not known to the central server.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="670"/>
        <source>«&#xa0;%1&#xa0;» contient un caractère invisible interdit.</source>
        <translation>“%1” contains a forbidden invisible character.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="674"/>
        <source>«&#xa0;%1&#xa0;» : un seul consentement par organisme est permis.</source>
        <translation>“%1”: only one consent per organisation is allowed.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="680"/>
        <source>«&#xa0;%1&#xa0;» : texte attendu, de %2 caractères au plus.</source>
        <translation>“%1”: a text of at most %2 characters is expected.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="687"/>
        <source>«&#xa0;%1&#xa0;» : date attendue au format JJ/MM/AAAA.</source>
        <translation>“%1”: a date is expected, as DD/MM/YYYY.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="694"/>
        <source>Le serveur central n’accepte pas la valeur donnée pour «&#xa0;%1&#xa0;».</source>
        <translation>The central server does not accept the value given for “%1”.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="700"/>
        <source>Le serveur central n’accepte pas la valeur «&#xa0;%1&#xa0;» pour «&#xa0;%2&#xa0;».</source>
        <translation>The central server does not accept the value “%1” for “%2”.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="709"/>
        <source>Le serveur central a refusé «&#xa0;%1&#xa0;».</source>
        <translation>The central server refused “%1”.</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="719"/>
        <source>Clôturée — aide accordée</source>
        <translation>Closed — aid granted</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="720"/>
        <source>Clôturée — aide refusée</source>
        <translation>Closed — aid refused</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="721"/>
        <source>Clôturée — sans suite</source>
        <translation>Closed — no further action</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="759"/>
        <source>oui</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="760"/>
        <source>non</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="784"/>
        <source>Tribunal de commerce</source>
        <translation>Commercial court</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="787"/>
        <source>Help! en ligne</source>
        <translation>Help! online</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="797"/>
        <source>Incident de paiement</source>
        <translation>Payment incident</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="798"/>
        <source>Dette sociale</source>
        <translation>Social security debt</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="799"/>
        <source>Baisse d’activité</source>
        <translation>Drop in activity</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="800"/>
        <source>Alerte d’un partenaire</source>
        <translation>Partner alert</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="801"/>
        <source>Procédure collective</source>
        <translation>Insolvency proceedings</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="802"/>
        <source>Autre signalement</source>
        <translation>Other report</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="810"/>
        <location filename="../../app/ui/wording.py" line="825"/>
        <source>Joint</source>
        <translation>Reached</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="811"/>
        <source>Injoignable</source>
        <translation>Unreachable</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="812"/>
        <location filename="../../app/ui/wording.py" line="823"/>
        <source>Rappel demandé</source>
        <translation>Call-back requested</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="813"/>
        <location filename="../../app/ui/wording.py" line="826"/>
        <source>Refus</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="814"/>
        <location filename="../../app/ui/wording.py" line="827"/>
        <source>Déjà accompagné</source>
        <translation>Already supported</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="822"/>
        <source>À appeler</source>
        <translation>To call</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="824"/>
        <source>Courrier proposé</source>
        <translation>Suggested letter</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="850"/>
        <source>pris par %1</source>
        <translation>taken by %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="852"/>
        <source>pris par %1 jusqu’au %2 à %3</source>
        <translation>taken by %1 until %2 at %3</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="855"/>
        <source>pris par %1 jusqu’à %2</source>
        <translation>taken by %1 until %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="868"/>
        <source>En agence</source>
        <translation>At the office</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="869"/>
        <source>Visioconférence</source>
        <translation>Video call</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="877"/>
        <source>Proposé</source>
        <translation>Proposed</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="878"/>
        <source>Fixé</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="879"/>
        <source>Fait</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="880"/>
        <source>Annulé</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="908"/>
        <source>%1 à %2</source>
        <translation>%1 at %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="915"/>
        <source>Sans nouvelle</source>
        <translation>No response</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="922"/>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="924"/>
        <source>%1 h</source>
        <translation>%1:00</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="925"/>
        <source>%1 h %2</source>
        <translation>%1:%2</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="942"/>
        <source>Organisme</source>
        <translation>Agency</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="943"/>
        <source>Aide</source>
        <translation>Help</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="944"/>
        <source>Question</source>
        <translation>Question</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="945"/>
        <source>Réponse</source>
        <translation>Answer</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="947"/>
        <source>Statut de l’orientation</source>
        <translation>Referral status</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="948"/>
        <source>Issue</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="949"/>
        <source>Mois</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="950"/>
        <source>Dossiers</source>
        <translation>Cases</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="969"/>
        <source>%1 j</source>
        <translation>%1 d</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="984"/>
        <source>Non renseigné</source>
        <translation>Not specified</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="990"/>
        <source>Signalement (liste d’appels)</source>
        <translation>Report (call list)</translation>
    </message>
    <message>
        <location filename="../../app/ui/wording.py" line="1006"/>
        <source>« &lt;&#xa0;5 » : secret statistique. Les effectifs de 1 à 4, et ceux qui permettraient de les retrouver à partir d’un total, ne sont pas montrés.</source>
        <translation>“&lt;&#xa0;5”: statistical secrecy. Counts from 1 to 4, and those that would let them be worked out from a total, are not shown.</translation>
    </message>
</context>
</TS>
