"""A mixed, stateful PLBadges workload for Locust (Debian's python3-locust), run by bench/load/run.sh.

Teachers sign in, read the catalog and their submissions, and autosave answers; coaches open the review
queue, claim a submission, save scores and release it; anonymous verifiers check a credential; a state's
licensure system reads the feed. Each simulated user keeps to one node (PLBADGES_HOSTS, comma-separated,
picked at random per user), as a load balancer with sticky sessions would; the key ring in the database
makes the nodes interchangeable anyway.
"""
import os
import random
import re

from locust import HttpUser, between, task

HOSTS = [h for h in os.environ.get("PLBADGES_HOSTS", "").split(",") if h]
PASSWORD = os.environ.get("PLBADGES_DEMO_PASSWORD", "Demo-Passw0rd!")
CREDENTIAL = os.environ.get("PLBADGES_CREDENTIAL_ID", "")
TOKEN = re.compile(r'name="__RequestVerificationToken" type="hidden" value="([^"]+)"|name="__RequestVerificationToken" value="([^"]+)"')
TEACHERS = ["teacher@demo.plbadges.test", "teacher2@demo.plbadges.test", "teacher@other.plbadges.test"]


def token_of(html):
    match = TOKEN.search(html)
    return (match.group(1) or match.group(2)) if match else ""


class SiteUser(HttpUser):
    abstract = True
    wait_time = between(0.5, 2)

    def on_start(self):
        if HOSTS:
            self.client.base_url = random.choice(HOSTS)

    def sign_in(self, email):
        page = self.client.get("/account/signin", name="GET /account/signin")
        response = self.client.post("/account/signin", name="POST /account/signin", allow_redirects=False,
                                    data={"Email": email, "Password": PASSWORD, "__RequestVerificationToken": token_of(page.text)})
        if response.status_code != 302:
            response.failure(f"sign-in answered {response.status_code}")


class Teacher(SiteUser):
    weight = 6

    def on_start(self):
        super().on_start()
        self.sign_in(random.choice(TEACHERS))
        pathways = self.client.get("/api/v1/pathways", name="GET /api/v1/pathways").json()
        self.slugs = [m["slug"] for p in pathways for m in p["microCredentials"]]
        self.submission = None
        self.token = ""
        self.start_draft()

    def start_draft(self):
        """Starts (or reopens) a draft on a micro-credential; a teacher who already finished one tries another."""
        self.submission = None
        for slug in random.sample(self.slugs, len(self.slugs)):
            page = self.client.get(f"/micro-credentials/{slug}", name="GET /micro-credentials/{slug}")
            started = self.client.post("/me/submissions/start", name="POST /me/submissions/start", allow_redirects=False,
                                       data={"slug": slug, "__RequestVerificationToken": token_of(page.text)})
            match = re.search(r"/me/submissions/([0-9a-f-]{36})", started.headers.get("Location", ""))
            if not match:
                continue
            work = self.client.get(f"/me/submissions/{match.group(1)}", name="GET /me/submissions/{id}")
            if "handler=save" in work.text:  # a draft: its answers can still be saved
                self.submission, self.token = match.group(1), token_of(work.text)
                return

    @task(3)
    def catalog(self):
        self.client.get("/pathways", name="GET /pathways")

    @task(2)
    def my_submission(self):
        if self.submission:
            self.client.get(f"/me/submissions/{self.submission}", name="GET /me/submissions/{id}")
        else:
            self.client.get("/me/submissions", name="GET /me/submissions")

    @task(6)
    def autosave(self):
        if not self.submission:
            return
        part, prompt = random.choice([0, 2]), random.randrange(4)
        saved = self.client.post(f"/me/submissions/{self.submission}?handler=save", name="POST autosave",
                                 headers={"RequestVerificationToken": self.token, "Accept": "application/json"},
                                 data={"part": part, "prompt": prompt, "text": f"Draft answer {random.random()}"})
        if saved.status_code == 409:
            self.start_draft()  # counted as a failure: the workload wrote to something that is not a draft


class Coach(SiteUser):
    weight = 2

    def on_start(self):
        super().on_start()
        self.sign_in("coach@demo.plbadges.test")

    @task(4)
    def queue(self):
        self.client.get("/review", name="GET /review")

    @task(1)
    def claim_score_release(self):
        queue = self.client.get("/review", name="GET /review")
        waiting = re.findall(r'name="submission" value="([0-9a-f-]{36})"', queue.text)
        if not waiting:
            return
        claimed = self.client.post("/review?handler=claim", name="POST /review claim", allow_redirects=False,
                                   data={"submission": random.choice(waiting), "__RequestVerificationToken": token_of(queue.text)})
        match = re.search(r"/review/([0-9a-f-]{36})", claimed.headers.get("Location", ""))
        if not match:
            return
        review = match.group(1)
        page = self.client.get(f"/review/{review}", name="GET /review/{id}")
        fields = {name: "met" for name in set(re.findall(r'name="(met-\d+-\d+)"', page.text))}
        fields.update({"feedback": "Clear work.", "__RequestVerificationToken": token_of(page.text)})
        self.client.post(f"/review/{review}", name="POST /review/{id} scores", allow_redirects=False, data=fields)
        self.client.post(f"/review/{review}?handler=release", name="POST /review/{id} release", allow_redirects=False,
                         data={"__RequestVerificationToken": token_of(page.text)})


class Verifier(SiteUser):
    weight = 3

    def on_start(self):
        super().on_start()
        self.jwt = self.client.get(f"/credentials/{CREDENTIAL}.jwt", name="GET /credentials/{id}.jwt").text if CREDENTIAL else ""

    @task(3)
    def verify(self):
        if self.jwt:
            self.client.post("/api/v1/verify", name="POST /api/v1/verify", data=self.jwt, headers={"Content-Type": "application/jwt"})

    @task(2)
    def public_page(self):
        if CREDENTIAL:
            self.client.get(f"/credentials/{CREDENTIAL}", name="GET /credentials/{id}")


class Licensure(SiteUser):
    weight = 1

    def on_start(self):
        super().on_start()
        response = self.client.post("/connect/token", name="POST /connect/token", data={
            "grant_type": "client_credentials", "client_id": "demo-state-licensure",
            "client_secret": "demo-licensure-Secret-2026", "scope": "recognition:read"})
        self.token = response.json().get("access_token", "") if response.ok else ""

    @task
    def feed(self):
        self.client.get("/api/v1/recognitions?limit=50", name="GET /api/v1/recognitions",
                        headers={"Authorization": f"Bearer {self.token}"})
