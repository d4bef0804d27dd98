"""More default synonyms: English paraphrases (family members asking for someone else, question
phrases) and the hiragana words of easy-Japanese visitors. Staff edit them in the admin (検索の同義語).

New terms are added; a default of 0002 is only updated where staff have not changed it.
"""

import uuid

from django.db import migrations

NEW = {
    # English: money.
    "cost": "fee、pay、0 yen、free of charge、monthly cap",
    "how much": "cost、fee、pay、monthly cap",
    "afford": "cost、fee、pay、0 yen",
    "cheap": "cost、fee、0 yen",
    # Family members ask for someone else: the site says "you" or "participant".
    "son": "participant、person",
    "daughter": "participant、person",
    "child": "participant、person",
    "kid": "participant、person",
    "husband": "participant、person",
    "wife": "participant、person",
    # How long the service can be used.
    "period": "24 months、2 years",
    "duration": "period、24 months、2 years",
    "time limit": "period、24 months、2 years",
    "how many years": "period、24 months、2 years",
    # Eligibility and starting.
    "try": "trial",
    "first step": "getting started、steps、start",
    "techo": "disability certificate、障害者手帳",
    # Attendance.
    "often": "days a week、minimum",
    "commute": "travel、wherever、other prefectures",
    # Interviews, documents, programme.
    "interview practice": "mock interview、practising",
    "nerves": "nervous、confident",
    "cover letter": "application documents、cv",
    "beginner": "no experience、never used",
    "class": "programme",
    "lesson": "programme",
    "company visit": "workplace visit、placement",
    # Leave and hours.
    "sick": "leave、illness、condition",
    "off work": "on leave、leave from my job",
    "opening hours": "weekdays、10:00 to 17:00、office opens",
    # Easy Japanese: words typed in hiragana (a kanji term also matches its reading).
    "始める": "使い始める、利用開始、正式",
    "試しに": "体験、利用体験",
    "遠く": "どこに住んでいても、1時間以上、ほかの県",
    "毎日": "週3日、週何日",
    "怖い": "苦手、不安、心配、自信",
    "隠したい": "知られる、非開示、開示",
    "いつから": "時期、何か月、始める時期",
    "Aがた": "A型、就労継続支援A型",
    "おかね": "費用、料金、自己負担、お金",
    "訓練": "練習、プログラム",
}

# 0002 defaults replaced when staff have not edited them: {term: (old, new)}.
CHANGED = {
    "job interview": ("interview、面接", "interview、mock interview、面接"),
    "resume": ("cv、application documents", "cv、career history、application documents"),
    "cv": ("resume", "resume、career history、application documents"),
    "free": ("cost、fee、pay、0 yen", "cost、fee、pay、0 yen、free of charge"),
    "who can": ("eligible、eligibility", "eligible、eligibility、intractable illness、developmental disability"),
    "eligible": ("who can use", "who can use、intractable illness、developmental disability"),
    "secret": ("unadvertised", "unadvertised、disclose、finding out"),
    "何歳": ("65歳未満、年齢", "65歳未満、年齢、65歳より若い"),
}


def add_defaults(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for term, synonyms in NEW.items():
        Synonym.objects.get_or_create(term=term, defaults={"synonyms": synonyms})
    for term, (old, new) in CHANGED.items():
        Synonym.objects.filter(term=term, synonyms=old).update(synonyms=new)
    bump(apps)


def remove_defaults(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for term, synonyms in NEW.items():
        Synonym.objects.filter(term=term, synonyms=synonyms).delete()
    for term, (old, new) in CHANGED.items():
        Synonym.objects.filter(term=term, synonyms=new).update(synonyms=old)
    bump(apps)


def bump(apps):
    # Running processes reload the synonyms when this version changes.
    IndexState = apps.get_model("search", "IndexState")
    IndexState.objects.update_or_create(name="synonyms", defaults={"version": uuid.uuid4().hex})


class Migration(migrations.Migration):
    dependencies = [("search", "0002_default_synonyms")]

    operations = [migrations.RunPython(add_defaults, remove_defaults)]
