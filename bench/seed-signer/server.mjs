// The seed tutorial's presigning server (shared/seeds/presigned-upload-node.txt), as written:
// express, aws-sdk v2 `getSignedUrl('putObject')` with a 60 s expiry, a uuid v1 key. The one
// addition is optional: with JWT_PUBLIC_KEY set it verifies an RS256 bearer token with
// `jsonwebtoken` first (the tutorial's "Authorization checks if needed"), so that the comparison
// with our signer, which always verifies, is fair. A competitor for bench/signer.ts; never shipped.
import AWS from 'aws-sdk';
import express from 'express';
import jwt from 'jsonwebtoken';
import { v1 as uuid } from 'uuid';

const bucketRegion = process.env.S3_REGION;
const bucketName = process.env.S3_BUCKET;
const s3 = new AWS.S3({
  accessKeyId: process.env.AWS_ACCESS_KEY_ID,
  secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY,
  signatureVersion: 'v4',
  region: bucketRegion,
});
const publicKey = process.env.JWT_PUBLIC_KEY;
const verifyOptions = {
  algorithms: ['RS256'],
  issuer: process.env.JWT_ISSUER,
  audience: process.env.JWT_AUDIENCE,
};

const app = express();
app.use(express.json());
app.post('/api/upload', (req, res) => {
  if (publicKey) {
    try {
      jwt.verify((req.get('authorization') ?? '').replace(/^Bearer /, ''), publicKey, verifyOptions);
    } catch {
      return res.sendStatus(401);
    }
  }
  const { fileType } = req.body;
  // Identifier for your image
  const imageIdentifier = `images/${uuid()}`;
  const params = {
    Bucket: bucketName,
    ContentType: fileType,
    Expires: 60,
    Key: imageIdentifier,
  };
  s3.getSignedUrl('putObject', params, (err, signedURL) => {
    if (err) {
      return res.status(500).json({ error: "Couldn't create signed URL." });
    }
    res.json({ imageIdentifier, signedURL });
  });
});
app.listen(Number(process.env.PORT), '127.0.0.1');
